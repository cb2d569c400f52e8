#include "parser/master/layout.h"

#include "parser/master/gdnsd.h"
#include "parser/master/rdata.h"
#include "parser/master/rrtype.h"

zl_layout zl_entry_layout(const char *text, const zl_entry *e, bool gdnsd)
{
    zl_layout l = {.ttl_tok = ZL_LAYOUT_NONE, .class_tok = ZL_LAYOUT_NONE};
    size_t i = e->blank_start ? 0 : 1;
    for (int k = 0; k < 2 && i < e->n; k++) {
        const zl_lex_tok *t = &e->toks[i];
        char c = text[t->off];
        if (l.ttl_tok == ZL_LAYOUT_NONE && !t->quoted && c >= '0' && c <= '9') {
            l.ttl_tok = (uint8_t)i++;
            continue;
        }
        /* Once the class is found the next token is the type: not asked. */
        uint16_t cls = t->quoted || l.class_tok != ZL_LAYOUT_NONE
                           ? 0
                           : zl_rrclass_lookup(text + t->off, t->len);
        if (cls) {
            l.rclass = cls;
            l.class_tok = (uint8_t)i++;
            l.class_first = l.ttl_tok == ZL_LAYOUT_NONE;
            continue;
        }
        break;
    }
    if (l.ttl_tok != ZL_LAYOUT_NONE) {
        const zl_lex_tok *t = &e->toks[l.ttl_tok];
        bool ok = gdnsd ? zl_gdnsd_ttl(text + t->off, t->len, &l.ttl, &l.ttl_why)
                        : zl_parse_ttl(text + t->off, t->len, &l.ttl, &l.ttl_why);
        if (ok)
            l.ttl_why = NULL;
    }
    l.type_tok = i;
    if (i < e->n && !e->toks[i].quoted)
        l.type = zl_rrtype_lookup(text + e->toks[i].off, e->toks[i].len);
    return l;
}
