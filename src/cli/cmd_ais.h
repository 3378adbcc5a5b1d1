/*
 * cmd_ais.h — AIS command entry points that other command groups route to:
 * "portsec import port-areas FILE" and "portsec vessel calls|gaps|track".
 * argv[0] is the subcommand's group ("import" or "vessel"), argv[1] the
 * subcommand ("port-areas", "calls", ...), options after. Return the exit
 * status.
 */
#ifndef PORTSEC_CLI_CMD_AIS_H
#define PORTSEC_CLI_CMD_AIS_H

#include "cli/cli.h"

int psec_cmd_import_port_areas(struct psec_cli *cli, int argc, char **argv);
int psec_cmd_vessel_calls(struct psec_cli *cli, int argc, char **argv);
int psec_cmd_vessel_gaps(struct psec_cli *cli, int argc, char **argv);
int psec_cmd_vessel_track(struct psec_cli *cli, int argc, char **argv);

#endif
