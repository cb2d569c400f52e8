#include "lint/cli/cli.h"

int main(int argc, char **argv)
{
    return zl_main(argc, argv);
}
