package dev.webhooks.adapters.delivery;

import java.net.UnknownHostException;

/**
 * Thrown by {@link TargetGuard} when a target may not be called; an {@link UnknownHostException} so that it passes
 * unchanged through HttpClient's connection code, which only lets I/O exceptions out of a {@code DnsResolver}.
 */
public final class TargetRefusedException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    public TargetRefusedException(String reason) {
        super(reason);
    }
}
