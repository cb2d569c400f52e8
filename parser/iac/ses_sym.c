#include "parser/iac/ses_sym.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

struct zl_sym_id *zl_sym_token(zl_sym_ids *st, const char *identity, unsigned token,
                               const void *first)
{
    if (token >= 32)
        return NULL;
    size_t s = zl_strset_index(&st->index, identity, strlen(identity));
    if (s == st->n) {
        ZL_GROW(st->ids, st->cap, st->n + 1);
        st->ids[st->n++] = (struct zl_sym_id){zl_xstrdup(identity), 0, first, false};
    }
    st->ids[s].tokens |= 1u << token;
    return &st->ids[s];
}

struct zl_sym_id *zl_sym_find(const zl_sym_ids *st, const char *identity)
{
    size_t s = zl_strset_find(&st->index, identity, strlen(identity));
    return s == SIZE_MAX ? NULL : &st->ids[s];
}

unsigned zl_sym_have(const struct zl_sym_id *id)
{
    unsigned have = 0;
    for (unsigned t = 0; t < 32; t++)
        have += (id->tokens >> t) & 1;
    return have;
}

void zl_sym_free(zl_sym_ids *st)
{
    for (size_t s = 0; s < st->n; s++)
        free(st->ids[s].identity);
    free(st->ids);
    zl_strset_free(&st->index);
    memset(st, 0, sizeof *st);
}

char *zl_sym_incomplete(unsigned have, const char *identity)
{
    return zl_xasprintf("only %u of the 3 DKIM tokens of %s are published: SES signs only when "
                        "all three CNAMEs resolve",
                        have, identity);
}

char *zl_sym_not_cname(const char *token, const char *identity, const char *type)
{
    return zl_xasprintf("the record of DKIM token %s of %s is a %s, where SES looks for a CNAME",
                        token, identity, type);
}

char *zl_sym_mail_from_region(const char *mail_from, const char *region, const char *want)
{
    return zl_xasprintf("the MAIL FROM MX of %s points to %s, but the identity is in %s: SES "
                        "bounces go to feedback-smtp.%s.amazonses.com",
                        mail_from, region, want, want);
}

char *zl_sym_proxied(void)
{
    return zl_xstrdup("the DKIM CNAME is proxied: Cloudflare answers for the name with its own "
                      "addresses, so SES never sees the CNAME");
}
