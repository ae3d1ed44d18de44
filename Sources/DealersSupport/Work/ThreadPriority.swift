import Foundation

/// How a thread competes for the CPU with the process's other threads.
package enum ThreadPriority {
    /// Raises the calling thread's nice value by 10 (best effort: a failure leaves it as it was).
    /// On Linux a nice value is a thread's own, so the thread then takes the CPU the threads on
    /// the critical path leave.
    package static func lowerCallingThread() {
        #if os(Linux)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let current = getpriority(which, 0)   // 0: the calling thread
        guard errno == 0 else { return }
        _ = setpriority(which, 0, min(19, current + 10))
        #endif
    }
}
