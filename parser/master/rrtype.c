#include "parser/master/rrtype.h"

#include <ldns/ldns.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#include "lint/util/util.h"

#define SLOTS 1024 /* power of two, well above the number of mnemonics */

typedef struct entry {
    char name[16]; /* upper case */
    uint8_t len;
    uint16_t type;
} entry;

static entry table[SLOTS];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_bool built; /* spares the pthread_once call on every look-up */

static int upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 32 : c;
}

static unsigned hash_upper(const char *s, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned)upper((unsigned char)s[i])) * 16777619u;
    return h & (SLOTS - 1);
}

static void build(void)
{
    for (unsigned t = 1; t <= 65535; t++) {
        const ldns_rr_descriptor *d = ldns_rr_descript((uint16_t)t);
        if (!d || !d->_name || strncmp(d->_name, "TYPE", 4) == 0)
            continue;
        size_t n = strlen(d->_name);
        if (n >= sizeof table[0].name)
            continue;
        unsigned h = hash_upper(d->_name, n);
        while (table[h].type)
            h = (h + 1) & (SLOTS - 1);
        for (size_t i = 0; i <= n; i++)
            table[h].name[i] = (char)upper((unsigned char)d->_name[i]);
        table[h].len = (uint8_t)n;
        table[h].type = (uint16_t)t;
    }
    atomic_store_explicit(&built, true, memory_order_release);
}

static bool same_upper(const char *text, size_t len, const entry *e)
{
    if (e->len != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (upper((unsigned char)text[i]) != (unsigned char)e->name[i])
            return false;
    return true;
}

uint16_t zl_rrtype_lookup(const char *text, size_t len)
{
    if (!atomic_load_explicit(&built, memory_order_acquire))
        pthread_once(&once, build);
    if (len > 0 && len < sizeof table[0].name) {
        for (unsigned h = hash_upper(text, len); table[h].type; h = (h + 1) & (SLOTS - 1))
            if (same_upper(text, len, &table[h]))
                return table[h].type;
    }
    if (len > 4 && len < 10 && zl_has_prefix_ci(text, len, "TYPE")) {
        char buf[16];
        memcpy(buf, text, len);
        buf[len] = '\0';
        for (size_t i = 4; i < len; i++)
            if (buf[i] < '0' || buf[i] > '9')
                return 0;
        /* ldns defines what TYPEnnn means, including its range. */
        ldns_rr_type t = ldns_get_rr_type_by_name(buf);
        return t <= 65535 ? (uint16_t)t : 0;
    }
    return 0;
}

uint16_t zl_rrclass_lookup(const char *text, size_t len)
{
    if (zl_ascii_ieq(text, len, "IN"))
        return LDNS_RR_CLASS_IN;
    /* Zone data knows two-letter classes (CH, HS) and CLASSnnn; asking ldns
     * about every type token that follows a record's owner would be slow. */
    ldns_rr_class c = 0;
    if (len == 2) {
        /* ldns's own table, searched as ldns_get_rr_class_by_name searches
         * it, without copying each NS or DS token to ask. */
        for (const ldns_lookup_table *lt = ldns_rr_classes; lt->name && !c; lt++)
            if (zl_ascii_ieq(text, len, lt->name))
                c = (ldns_rr_class)lt->id;
    } else if (len > 5 && len <= 10 && zl_has_prefix_ci(text, len, "CLASS")) {
        char buf[16];
        memcpy(buf, text, len);
        buf[len] = '\0';
        c = ldns_get_rr_class_by_name(buf);
    }
    /* NONE and ANY belong to queries and updates, never to zone data. */
    if (c == LDNS_RR_CLASS_NONE || c == LDNS_RR_CLASS_ANY || c > 65535)
        return 0;
    return (uint16_t)c;
}
