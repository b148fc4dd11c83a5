// Every ICU call Escucha makes lives in this file; see include/CEscuchaICU.h for why.
#include "CEscuchaICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/uversion.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

_Static_assert(ESCUCHA_ICU_BUFFER_OVERFLOW == U_BUFFER_OVERFLOW_ERROR, "status code mirrors ICU's");

void escucha_icu_version(char *out, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    if (capacity > 0) {
        strncpy(out, text, (size_t)capacity - 1);
        out[capacity - 1] = 0;
    }
}

int32_t escucha_icu_detect_charset(const uint8_t *data, int32_t length,
                                   char *name, int32_t name_capacity, int32_t *confidence) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return status;
    ucsdet_setText(detector, (const char *)data, length, &status);
    const UCharsetMatch *match = U_SUCCESS(status) ? ucsdet_detect(detector, &status) : NULL;
    if (U_SUCCESS(status) && match != NULL) {
        const char *found = ucsdet_getName(match, &status);
        *confidence = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && found != NULL && name_capacity > 0) {
            strncpy(name, found, (size_t)name_capacity - 1);
            name[name_capacity - 1] = 0;
        }
    } else if (U_SUCCESS(status)) {
        status = U_INVALID_FORMAT_ERROR;
    }
    ucsdet_close(detector);
    return status;
}

struct escucha_transcoder {
    UConverter *source;
    UConverter *utf8;
    UChar pivot[4096];
    UChar *pivot_source;
    UChar *pivot_target;
    int64_t substitutions;
};

// Counts substitutions while keeping ICU's default behaviour (write U+FFFD).
static void escucha_count_substitution(const void *context, UConverterToUnicodeArgs *args,
                                       const char *bytes, int32_t length,
                                       UConverterCallbackReason reason, UErrorCode *status) {
    escucha_transcoder *transcoder = (escucha_transcoder *)context;
    if (reason <= UCNV_IRREGULAR) transcoder->substitutions += 1;
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, bytes, length, reason, status);
}

escucha_transcoder *escucha_transcoder_open(const char *charset, int32_t *status_out) {
    UErrorCode status = U_ZERO_ERROR;
    escucha_transcoder *transcoder = calloc(1, sizeof(escucha_transcoder));
    if (transcoder == NULL) { *status_out = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    transcoder->source = ucnv_open(charset, &status);
    if (U_SUCCESS(status)) transcoder->utf8 = ucnv_open("UTF-8", &status);
    if (U_SUCCESS(status)) {
        ucnv_setToUCallBack(transcoder->source, escucha_count_substitution, transcoder, NULL, NULL, &status);
    }
    if (U_FAILURE(status)) {
        escucha_transcoder_close(transcoder);
        *status_out = status;
        return NULL;
    }
    transcoder->pivot_source = transcoder->pivot;
    transcoder->pivot_target = transcoder->pivot;
    *status_out = U_ZERO_ERROR;
    return transcoder;
}

void escucha_transcoder_close(escucha_transcoder *transcoder) {
    if (transcoder == NULL) return;
    if (transcoder->source != NULL) ucnv_close(transcoder->source);
    if (transcoder->utf8 != NULL) ucnv_close(transcoder->utf8);
    free(transcoder);
}

int32_t escucha_transcoder_convert(escucha_transcoder *transcoder,
                                   const uint8_t **source, const uint8_t *source_limit,
                                   uint8_t **target, uint8_t *target_limit,
                                   int32_t flush, int64_t *substitutions) {
    UErrorCode status = U_ZERO_ERROR;
    ucnv_convertEx(transcoder->utf8, transcoder->source,
                   (char **)target, (const char *)target_limit,
                   (const char **)source, (const char *)source_limit,
                   transcoder->pivot, &transcoder->pivot_source, &transcoder->pivot_target,
                   transcoder->pivot + 4096, 0, (UBool)(flush != 0), &status);
    *substitutions = transcoder->substitutions;
    return status;
}

// Normalization: UTF-8 → UTF-16 → normalize → UTF-8, with stack buffers for short text (the common
// case: one token) and heap buffers beyond.
static int32_t escucha_normalize_utf8(const UNormalizer2 *normalizer, const uint8_t *text, int32_t length,
                                      uint8_t *out, int32_t capacity, int32_t *status_out) {
    UErrorCode status = U_ZERO_ERROR;
    UChar small_source[256], small_target[512];
    UChar *source = small_source, *target = small_target;
    int32_t source_capacity = 256, target_capacity = 512;
    int32_t source_length = 0, target_length = 0, written = 0;

    if (length > 200) {
        source_capacity = length + 1;
        source = malloc(sizeof(UChar) * (size_t)source_capacity);
    }
    u_strFromUTF8WithSub(source, source_capacity, &source_length, (const char *)text, length, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) goto done;
    if (source_length * 3 + 16 > target_capacity) {
        target_capacity = source_length * 3 + 16;
        target = malloc(sizeof(UChar) * (size_t)target_capacity);
    }
    target_length = unorm2_normalize(normalizer, source, source_length, target, target_capacity, &status);
    if (U_FAILURE(status)) goto done;
    u_strToUTF8((char *)out, capacity, &written, target, target_length, &status);
    if (status == U_STRING_NOT_TERMINATED_WARNING) status = U_ZERO_ERROR;
done:
    if (source != small_source) free(source);
    if (target != small_target) free(target);
    *status_out = status;
    return written;
}

int32_t escucha_nfkc_casefold_utf8(const uint8_t *text, int32_t length, uint8_t *out, int32_t capacity,
                                   int32_t *status_out) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) { *status_out = status; return 0; }
    return escucha_normalize_utf8(normalizer, text, length, out, capacity, status_out);
}

int32_t escucha_nfc_utf8(const uint8_t *text, int32_t length, uint8_t *out, int32_t capacity, int32_t *status_out) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) { *status_out = status; return 0; }
    return escucha_normalize_utf8(normalizer, text, length, out, capacity, status_out);
}

// One break iterator per thread and kind: ubrk_open loads rules and is far too slow per document.
static _Thread_local UBreakIterator *escucha_word_breaker = NULL;
static _Thread_local UBreakIterator *escucha_sentence_breaker = NULL;

int32_t escucha_break_utf8(int32_t kind, const uint8_t *text, int32_t length, int32_t *boundaries,
                           int32_t *rule_status, int32_t capacity, int32_t *status_out) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator **slot = kind == ESCUCHA_BREAK_SENTENCE ? &escucha_sentence_breaker : &escucha_word_breaker;
    if (*slot == NULL) {
        *slot = ubrk_open(kind == ESCUCHA_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD, "es", NULL, 0, &status);
        if (U_FAILURE(status)) { *slot = NULL; *status_out = status; return 0; }
    }
    UText *utext = utext_openUTF8(NULL, (const char *)text, length, &status);
    if (U_FAILURE(status)) { *status_out = status; return 0; }
    ubrk_setUText(*slot, utext, &status);
    int32_t count = 0;
    if (U_SUCCESS(status)) {
        for (int32_t boundary = ubrk_first(*slot); boundary != UBRK_DONE; boundary = ubrk_next(*slot)) {
            if (count < capacity) {
                boundaries[count] = boundary;
                if (rule_status != NULL) rule_status[count] = ubrk_getRuleStatus(*slot);
            }
            count += 1;
        }
    }
    utext_close(utext);
    *status_out = status;
    return count;
}
