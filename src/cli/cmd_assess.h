/*
 * cmd_assess.h — the one entry point of the assessment commands that is not
 * a top-level group: `portsec facility drill add|list`, routed from the
 * facility command.
 */
#ifndef PORTSEC_CLI_CMD_ASSESS_H
#define PORTSEC_CLI_CMD_ASSESS_H

#include "cli/cli.h"

/* argv[0] is "facility", argv[1] "drill", argv[2] the subcommand. */
int psec_cmd_facility_drill(struct psec_cli *cli, int argc, char **argv);

#endif
