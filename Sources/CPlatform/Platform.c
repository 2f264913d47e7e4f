#ifdef __linux__
#define _GNU_SOURCE
#endif
#include "CPlatform.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
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

/// The text mappings in use: start and end (0 when free) and whether a read
/// met a truncated page. Written under `mapping_lock`, read by the handler.
enum { MAPPING_SLOTS = 64 };
static struct {
    _Atomic uintptr_t start, end;
    _Atomic int shrank;
} mappings[MAPPING_SLOTS];
static pthread_mutex_t mapping_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
static int handler_installed;
static uintptr_t page_size;
/// The SIGBUS action before this one's (the Swift runtime's backtracer, or the default).
static struct sigaction previous_action;

static void on_bus_error(int signal, siginfo_t *info, void *context) {
    (void)context;
    const uintptr_t address = (uintptr_t)info->si_addr;
    for (int k = 0; k < MAPPING_SLOTS && info->si_code > 0; k++) {
        const uintptr_t start = atomic_load(&mappings[k].start), end = atomic_load(&mappings[k].end);
        if (start == 0 || address < start || address >= end) continue;
        const uintptr_t page = address & ~(page_size - 1);
        if (mmap((void *)page, (size_t)page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
            != MAP_FAILED) {
            atomic_store(&mappings[k].shrank, 1);
            return;
        }
        break;
    }
    // Not a fault on a text mapping's page (or no zero page could be mapped):
    // the action there was before, taken when the faulting instruction runs
    // again, or at once for a signal that was sent (`si_code ≤ 0`).
    sigaction(signal, &previous_action, NULL);
    if (info->si_code <= 0) raise(signal);
}

static void install_handler(void) {
    page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_bus_error;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    handler_installed = sigaction(SIGBUS, &action, &previous_action) == 0;
}

const void *cplatform_map_text(int fd, size_t size, size_t padding, size_t *length) {
    pthread_once(&handler_once, install_handler);
    if (!handler_installed) {
        errno = ENOTSUP;
        return NULL;
    }
    const size_t page = (size_t)page_size;
    const size_t whole = size / page * page, total = (size + padding + page - 1) / page * page;
    char *start = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (start == MAP_FAILED) return NULL;
    size_t at = whole;
    while (at < size) {
        const ssize_t got = pread(fd, start + at, size - at, (off_t)at);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            const int error = got < 0 ? errno : EIO;
            munmap(start, total);
            errno = error;
            return NULL;
        }
        at += (size_t)got;
    }
    pthread_mutex_lock(&mapping_lock);
    int slot = -1;
    for (int k = 0; k < MAPPING_SLOTS && slot < 0; k++) {
        if (atomic_load(&mappings[k].start) == 0) slot = k;
    }
    if (slot < 0) {
        pthread_mutex_unlock(&mapping_lock);
        munmap(start, total);
        errno = EBUSY;
        return NULL;
    }
    atomic_store(&mappings[slot].shrank, 0);
    atomic_store(&mappings[slot].end, (uintptr_t)(start + whole));
    atomic_store(&mappings[slot].start, (uintptr_t)start);
    pthread_mutex_unlock(&mapping_lock);
    if (whole > 0 && mmap(start, whole, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0) == MAP_FAILED) {
        const int error = errno;
        cplatform_unmap_text(start, total);
        errno = error;
        return NULL;
    }
    mprotect(start + whole, total - whole, PROT_READ);
    *length = total;
    return start;
}

int cplatform_unmap_text(const void *start, size_t length) {
    int shrank = 0;
    pthread_mutex_lock(&mapping_lock);
    for (int k = 0; k < MAPPING_SLOTS; k++) {
        if (atomic_load(&mappings[k].start) != (uintptr_t)start) continue;
        shrank = atomic_load(&mappings[k].shrank);
        atomic_store(&mappings[k].start, 0);
        atomic_store(&mappings[k].end, 0);
        break;
    }
    pthread_mutex_unlock(&mapping_lock);
    munmap((void *)start, length);
    return shrank;
}
