/* mojibake: repairs UTF-8 text that was once decoded as windows-1252 or
 * Latin-1 and encoded again ("CafÃ©" -> "Café"). */
#ifndef DC_MOJIBAKE_H
#define DC_MOJIBAKE_H

#include <stddef.h>

/* Repairs text[0..*len) (valid UTF-8, NUL-terminated) in place when it
 * shows such damage plainly; *len gets the new length. Returns how many
 * characters were put back (0: text unchanged). */
size_t dc_mojibake_repair(char *text, size_t *len);

#endif
