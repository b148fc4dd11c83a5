// Only CEscuchaICU's shim.c may see ICU headers: they clash with Foundation's private ICU if they
// reach a Swift module (see ../shared/notes/swift-icu-libxml2.md, pitfall 2).
#include <unicode/utypes.h>
