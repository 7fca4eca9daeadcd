package dev.webboot.iso.internal.squashfs;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small thread-safe least-recently-used cache with a fixed number of entries. */
final class LruCache<K, V> {
    private final Map<K, V> entries;

    LruCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }
}
