#ifdef __linux__
#define _GNU_SOURCE
#endif
#include "CPlatform.h"

#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int cplatform_replace_file(const char *from, const char *to) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    struct stat target;
    if (lstat(to, &target) == 0 && S_ISREG(target.st_mode)) {
        if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) == 0) {
            unlink(from);
            return 0;
        }
        if (errno != EINVAL && errno != ENOSYS && errno != ENOENT) return -1;
    }
#endif
    return rename(from, to);
}

int cplatform_format_fixed(char *buffer, size_t size, int digits, double value) {
    return snprintf(buffer, size, "%.*f", digits, value);
}

void cplatform_keep_freed_memory(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
}
