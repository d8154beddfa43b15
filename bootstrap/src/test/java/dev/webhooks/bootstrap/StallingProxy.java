package dev.webhooks.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the database that can stall: while stalled it moves no byte in either direction, yet keeps
 * every connection open and accepts new ones (whose login then hangs), as a database or network that hangs does.
 * What it read meanwhile is forwarded when it resumes, as TCP would once the path is back.
 */
final class StallingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int databasePort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private boolean stalled;
    private volatile boolean open = true;

    StallingProxy(int databasePort) throws IOException {
        this.databasePort = databasePort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        daemon("stalling-proxy-accept", this::accept).start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    synchronized void stall() {
        stalled = true;
    }

    synchronized void resume() {
        stalled = false;
        notifyAll();
    }

    private synchronized void awaitFlowing() throws InterruptedException {
        while (stalled) {
            wait();
        }
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket database = new Socket(InetAddress.getLoopbackAddress(), databasePort);
                sockets.add(client);
                sockets.add(database);
                connections.incrementAndGet();
                daemon("stalling-proxy-up", () -> pump(client, database)).start();
                daemon("stalling-proxy-down", () -> pump(database, client)).start();
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    /** Copies {@code from} to {@code to}, each chunk only while not stalled; an end is passed on as a half close. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                awaitFlowing();
                out.write(buffer, 0, read);
            }
            awaitFlowing();
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            close(from);
            close(to);
        }
    }

    @Override
    public void close() {
        open = false;
        resume();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(StallingProxy::close);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
