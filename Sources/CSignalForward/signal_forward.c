#include "signal_forward.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

// What the handler may touch: lock-free, written whole (sig_atomic_t).
static volatile sig_atomic_t forward_fd = -1;
static volatile sig_atomic_t first_signal = 0;

static void forward(int signo) {
    int saved = errno;
    if (first_signal == 0) first_signal = signo;
    int fd = forward_fd;
    if (fd >= 0) {
        char byte = 1;
        ssize_t written = write(fd, &byte, 1);
        (void)written; // a full pipe already wakes the reader
    }
    errno = saved;
}

int dealers_signal_forward(int signo, int fd) {
    forward_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = forward;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    return sigaction(signo, &action, NULL);
}

int dealers_signal_restore(int signo) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(signo, &action, NULL);
}

int dealers_signal_take(void) {
    int signo = first_signal;
    first_signal = 0;
    return signo;
}
