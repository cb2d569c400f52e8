#ifndef ZL_XML_TEXT_H
#define ZL_XML_TEXT_H

#include <stdio.h>

/* Write s as XML 1.0 character data or an attribute value: & < > " '
 * escaped, invalid UTF-8 and the control characters XML cannot hold
 * written as U+FFFD, newlines and tabs as character references (so that
 * attribute values keep them). */
void zl_xml_put(FILE *f, const char *s);

#endif
