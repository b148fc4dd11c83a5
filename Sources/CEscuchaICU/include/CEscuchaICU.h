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

#ifdef __cplusplus
}
#endif
#endif
