package io.credpool.spring;

import io.credpool.PoolListener;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Several listeners as the one a pool takes ({@code Builder.listener} keeps one): each callback
 * goes to every listener in order, and one that throws does not keep the others from hearing it;
 * the first exception is rethrown afterwards for the pool to log.
 */
final class PoolListeners implements PoolListener {

    private final List<PoolListener> listeners;

    private PoolListeners(List<PoolListener> listeners) {
        this.listeners = listeners;
    }

    /** The one listener for {@code listeners}: null for none, itself for one. */
    static PoolListener of(List<PoolListener> listeners) {
        if (listeners.isEmpty()) {
            return null;
        }
        return listeners.size() == 1 ? listeners.get(0) : new PoolListeners(List.copyOf(listeners));
    }

    private void each(Consumer<PoolListener> call) {
        RuntimeException first = null;
        for (PoolListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void acquired(Duration waited) {
        each(l -> l.acquired(waited));
    }

    @Override
    public void released(Duration held) {
        each(l -> l.released(held));
    }

    @Override
    public void connected(Duration took) {
        each(l -> l.connected(took));
    }

    @Override
    public void connectFailed(SQLException cause, int attempt) {
        each(l -> l.connectFailed(cause, attempt));
    }

    @Override
    public void timedOut(Duration waited) {
        each(l -> l.timedOut(waited));
    }

    @Override
    public void evicted(String reason) {
        each(l -> l.evicted(reason));
    }

    @Override
    public void credentialsRefreshed(String provider) {
        each(l -> l.credentialsRefreshed(provider));
    }
}
