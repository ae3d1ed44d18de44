#ifndef DEALERS_SIGNAL_FORWARD_H
#define DEALERS_SIGNAL_FORWARD_H

/// Forwards `signo` to a descriptor: installs a handler (sigaction, SA_RESTART) that records the
/// signal and writes one byte to `fd` — the only async-signal-safe work it does. Unlike a signal
/// ignored and read back through a signalfd, a handler runs whichever thread the kernel picks, so
/// no signal is lost to a thread that did not block it. One forwarding descriptor per process
/// (the signal disposition is the process's): the last call wins. Returns 0, or -1 with errno.
int dealers_signal_forward(int signo, int fd);

/// Gives `signo` back its default action and stops forwarding it. Returns 0, or -1 with errno.
int dealers_signal_restore(int signo);

/// The first forwarded signal since the last `dealers_signal_take`, or 0; clears it.
int dealers_signal_take(void);

#endif
