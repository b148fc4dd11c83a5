#ifndef ESCUCHA_CLIBXML2_SHIM_H
#define ESCUCHA_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU support, and libxml/encoding.h would then pull <unicode/ucnv.h>
// into Swift, where it clashes with Foundation's private ICU. We never use libxml2's ICU encoders.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer: Swift 6 rejects it as not concurrency-safe.
static inline void escucha_xml_free(void *pointer) { xmlFree(pointer); }

// A structured error handler that drops everything: HTML from the wild is never valid, and
// libxml2 would otherwise print to stderr. Installed per thread around each parse.
static inline void escucha_xml_silent_error(void *context, xmlErrorPtr error) { (void)context; (void)error; }
static inline void escucha_xml_silence_errors(void) { xmlSetStructuredErrorFunc(NULL, escucha_xml_silent_error); xmlSetGenericErrorFunc(NULL, NULL); }
static inline void escucha_xml_restore_errors(void) { xmlSetStructuredErrorFunc(NULL, NULL); }
#endif
