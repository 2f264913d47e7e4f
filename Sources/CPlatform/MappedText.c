#ifdef __linux__
#define _GNU_SOURCE
#endif
#include "CPlatform.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/// The text mappings in use: the range of their file pages (0 when the slot
/// is free) and whether a read met a page the file no longer has. Written
/// under `mapping_lock`, read by the handler without it.
enum { MAPPING_SLOTS = 64 };
static struct {
    _Atomic uintptr_t start, end;
    _Atomic int shrank;
} mappings[MAPPING_SLOTS];
static pthread_mutex_t mapping_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
static int handler_installed;
static uintptr_t page_size;
/// The SIGBUS action before this one's (the Swift runtime's backtracer, a
/// host program's own, or the default), to which any other SIGBUS goes.
static struct sigaction previous_action;

/// Maps a page of zeros over the page of `address` when it lies in a text
/// mapping's file pages, and marks the mapping; whether it did.
static int recover(uintptr_t address) {
    for (int k = 0; k < MAPPING_SLOTS; k++) {
        const uintptr_t start = atomic_load(&mappings[k].start), end = atomic_load(&mappings[k].end);
        if (start == 0 || address < start || address >= end) continue;
        const uintptr_t page = address & ~(page_size - 1);
        if (mmap((void *)page, (size_t)page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
            == MAP_FAILED) {
            return 0;
        }
        atomic_store(&mappings[k].shrank, 1);
        return 1;
    }
    return 0;
}

/// Hands a SIGBUS that is not a text mapping's to the action there was
/// before, without uninstalling this one: a handler is called as the kernel
/// would; the default ends the process (for a fault, when the faulting
/// instruction runs again); an ignored fault would only recur, so it gets the
/// default too, and an ignored sent signal is dropped.
static void pass_on(int signal, siginfo_t *info, void *context) {
    const int fault = info->si_code > 0;
    if (previous_action.sa_flags & SA_SIGINFO) {
        previous_action.sa_sigaction(signal, info, context);
        return;
    }
    if (previous_action.sa_handler == SIG_IGN && !fault) return;
    if (previous_action.sa_handler == SIG_DFL || previous_action.sa_handler == SIG_IGN) {
        struct sigaction fallback;
        memset(&fallback, 0, sizeof fallback);
        fallback.sa_handler = SIG_DFL;
        sigaction(signal, &fallback, NULL);
        if (!fault) raise(signal);
        return;
    }
    previous_action.sa_handler(signal);
}

static void on_bus_error(int signal, siginfo_t *info, void *context) {
    const int saved = errno;
    if (!(info->si_code > 0 && recover((uintptr_t)info->si_addr))) pass_on(signal, info, context);
    errno = saved;
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
    // The file's pages replace the reservation's first `whole` bytes in place.
    // Should that fail part way (only for want of memory), the unmap below
    // also covers the part the kernel already released, which another thread
    // could have been given meanwhile: accepted, as the process is out of
    // memory then.
    if ((whole > 0 && mmap(start, whole, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED)
        || mprotect(start + whole, total - whole, PROT_READ) != 0) {
        const int error = errno;
        cplatform_unmap_text(start, total);
        errno = error;
        return NULL;
    }
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
