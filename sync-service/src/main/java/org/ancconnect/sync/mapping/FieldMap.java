package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The fields of one JSON object of a mapped bundle, in insertion order (what Jackson's {@code ObjectNode}
 * keeps in a {@code LinkedHashMap}): an array of entries searched linearly. A FHIR object has 1 to ~15
 * fields, where a scan of a few cached-hash strings is cheaper than hashing, and a {@code LinkedHashMap}
 * costs a 16-slot table plus 40 bytes per field; this map was most of the ~600 KB the mapper allocated per
 * 10-event entity (JFR allocation samples, 2026-11-21, sync-service README). Lookups are O(n): meant for
 * objects of FHIR size, not for maps with thousands of keys. Same semantics as {@code LinkedHashMap}:
 * replacing a value keeps the field's position, removing one closes the gap. A map made {@link #readOnly()}
 * refuses every change: elements shared between resources and bundles are built that way (see {@link Fhir#readOnly}).
 */
final class FieldMap extends AbstractMap<String, JsonNode> {

    private static final Field[] EMPTY = {};

    private Field[] fields = EMPTY;
    private int size;
    /** Structural changes, so an iterator fails fast like the JDK's maps instead of skipping a field. */
    private int modCount;
    private boolean readOnly;

    /** A field knows its map (free: the reference fits the object's alignment padding) to refuse writes when read-only. */
    private final class Field implements Entry<String, JsonNode> {
        private final String key;
        private JsonNode value;

        Field(String key, JsonNode value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public JsonNode getValue() {
            return value;
        }

        @Override
        public JsonNode setValue(JsonNode value) {
            checkWritable();
            JsonNode old = this.value;
            this.value = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && key.equals(e.getKey()) && Objects.equals(value, e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ Objects.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    /** From now on every change throws: for a subtree that several resources or bundles share. */
    FieldMap readOnly() {
        readOnly = true;
        return this;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException("a shared FHIR element is read-only: deepCopy() it to change it");
        }
    }

    private int indexOf(Object key) {
        if (key instanceof String k) {
            int hash = k.hashCode();
            for (int i = 0; i < size; i++) {
                String candidate = fields[i].key;
                if (candidate == k || (candidate.hashCode() == hash && candidate.equals(k))) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public JsonNode get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : fields[i].value;
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
        Objects.requireNonNull(key, "JSON field name");
        checkWritable();
        int i = indexOf(key);
        if (i >= 0) {
            return fields[i].setValue(value);
        }
        if (size == fields.length) {
            // Most objects of a bundle have 1-4 fields (references, codings, identifiers); resources have ~8-15.
            fields = Arrays.copyOf(fields, size == 0 ? 4 : size * 2);
        }
        fields[size++] = new Field(key, value);
        modCount++;
        return null;
    }

    @Override
    public JsonNode remove(Object key) {
        checkWritable();
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        JsonNode old = fields[i].value;
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        System.arraycopy(fields, i + 1, fields, i, size - i - 1);
        fields[--size] = null;
        modCount++;
    }

    @Override
    public void clear() {
        checkWritable();
        Arrays.fill(fields, 0, size, null);
        size = 0;
        modCount++;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super JsonNode> action) {
        int expected = modCount;
        for (int i = 0; i < size; i++) {
            action.accept(fields[i].key, fields[i].value);
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public void clear() {
                FieldMap.this.clear();
            }

            @Override
            public Iterator<Entry<String, JsonNode>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;
                    private int expected = modCount;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, JsonNode> next() {
                        if (modCount != expected) {
                            throw new ConcurrentModificationException();
                        }
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return fields[last];
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        if (modCount != expected) {
                            throw new ConcurrentModificationException();
                        }
                        checkWritable();
                        removeAt(last);
                        next = last;
                        last = -1;
                        expected = modCount;
                    }
                };
            }
        };
    }
}
