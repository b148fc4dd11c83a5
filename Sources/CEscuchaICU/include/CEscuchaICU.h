#ifndef CESCUCHA_ICU_H
#define CESCUCHA_ICU_H
// The only door between Escucha and the system ICU. Plain <stdint.h> types and opaque handles only:
// ICU's own headers must never reach a Swift module (they clash with Foundation's private ICU).
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU status codes above zero are failures; this one means "give me a bigger output buffer".
#define ESCUCHA_ICU_BUFFER_OVERFLOW 15

/// Writes the ICU version ("72.1") into `out` (at least 16 bytes).
void escucha_icu_version(char *out, int32_t capacity);

/// Runs ICU's charset detector on `data`. Writes the best match's canonical name (NUL-terminated) into
/// `name` and its confidence (0–100) into `confidence`. Returns an ICU status (> 0 is a failure).
int32_t escucha_icu_detect_charset(const uint8_t *data, int32_t length,
                                   char *name, int32_t name_capacity, int32_t *confidence);

/// A streaming converter from a named charset to UTF-8 (owns two ICU converters and a pivot buffer).
typedef struct escucha_transcoder escucha_transcoder;

/// Opens a transcoder from `charset` (any name ICU knows) to UTF-8. Returns NULL and sets `status` > 0
/// when ICU does not know the charset.
escucha_transcoder *escucha_transcoder_open(const char *charset, int32_t *status);
void escucha_transcoder_close(escucha_transcoder *transcoder);

/// Converts from `*source` up to `source_limit` into `*target` up to `target_limit`, advancing both
/// pointers. `flush` is non-zero on the last call of a stream. Returns an ICU status: 0 when all input
/// was consumed, ESCUCHA_ICU_BUFFER_OVERFLOW when the output is full (call again with more room).
/// Unmappable or illegal input bytes become U+FFFD; `substitutions` counts them.
int32_t escucha_transcoder_convert(escucha_transcoder *transcoder,
                                   const uint8_t **source, const uint8_t *source_limit,
                                   uint8_t **target, uint8_t *target_limit,
                                   int32_t flush, int64_t *substitutions);

/// NFKC_Casefold of UTF-8 text into `out` (UTF-8). Returns the length written, or the length needed when
/// `capacity` is too small (then `status` is ESCUCHA_ICU_BUFFER_OVERFLOW). Invalid input bytes become U+FFFD.
int32_t escucha_nfkc_casefold_utf8(const uint8_t *text, int32_t length, uint8_t *out, int32_t capacity,
                                   int32_t *status);

/// NFC of UTF-8 text into `out` (UTF-8); same contract as `escucha_nfkc_casefold_utf8`.
int32_t escucha_nfc_utf8(const uint8_t *text, int32_t length, uint8_t *out, int32_t capacity, int32_t *status);

/// Kinds of ICU break iteration.
#define ESCUCHA_BREAK_WORD 1
#define ESCUCHA_BREAK_SENTENCE 3

/// Runs ICU's break iterator (locale `es`) directly over UTF-8 text and writes the boundaries, as byte
/// offsets, into `boundaries` (the first is 0, the last `length`). Returns how many there are; when more
/// than `capacity`, only `capacity` are written. One iterator per thread per kind is kept open (opening
/// one is expensive). `rule_status`, when not NULL, receives each segment's rule status (word breaks:
/// >= 100 for words, 0 for spaces, punctuation and emoji).
int32_t escucha_break_utf8(int32_t kind, const uint8_t *text, int32_t length, int32_t *boundaries,
                           int32_t *rule_status, int32_t capacity, int32_t *status);

#ifdef __cplusplus
}
#endif
#endif
