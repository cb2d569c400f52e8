#include "lint/cli/color.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool set(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

bool zl_use_color(const char *when, int fd)
{
    if (strcmp(when, "always") == 0)
        return true;
    if (strcmp(when, "never") == 0)
        return false;
    if (set("FORCE_COLOR") || set("CLICOLOR_FORCE"))
        return true;
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    if ((nc && *nc) || (term && strcmp(term, "dumb") == 0))
        return false;
    return isatty(fd);
}
