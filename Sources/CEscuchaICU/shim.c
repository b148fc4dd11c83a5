// Every ICU call Escucha makes lives in this file; see include/CEscuchaICU.h for why.
#include "CEscuchaICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/uversion.h>

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
