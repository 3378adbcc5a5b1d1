/*
 * cmd_risk.h — the risk commands not listed in commands.def:
 * "portsec import trade FILE" is routed here by the import command.
 */
#ifndef PORTSEC_CLI_CMD_RISK_H
#define PORTSEC_CLI_CMD_RISK_H

#include "cli/cli.h"

/* argv[0] "import", argv[1] "trade", then FILE and options. */
int psec_cmd_import_trade(struct psec_cli *cli, int argc, char **argv);

#endif
