/* The zonelint command: parse arguments, run, return the exit status. */
#ifndef ZL_CLI_H
#define ZL_CLI_H

int zl_main(int argc, char **argv);

#endif
