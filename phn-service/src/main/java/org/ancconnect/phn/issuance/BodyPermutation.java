package org.ancconnect.phn.issuance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed permutation of {@code [0, capacity)}: a balanced Feistel network with HMAC-SHA256 round
 * functions over the smallest even bit width covering the capacity, with cycle walking to stay inside the
 * range. Applied to a PostgreSQL sequence value it yields bodies that are unique by construction (a
 * permutation never maps two inputs to one output) yet reveal nothing about the order of issuance
 * without the key. The POI is part of the round input, so each POI has its own permutation.
 */
final class BodyPermutation {

    /** Luby–Rackoff: 4 rounds give a strong pseudo-random permutation; 8 leave a wide margin. */
    private static final int ROUNDS = 8;

    private final SecretKeySpec key;
    private final long capacity;
    private final int halfBits;
    private final long halfMask;

    BodyPermutation(byte[] key, long capacity) {
        if (key.length < 32) {
            throw new IllegalArgumentException("permutation key must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.capacity = capacity;
        int bits = 64 - Long.numberOfLeadingZeros(capacity - 1);
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1L << halfBits) - 1;
    }

    /** The image of {@code value}; {@code 0 <= value < capacity}. */
    long permute(String poi, long value) {
        if (value < 0 || value >= capacity) {
            throw new IllegalArgumentException("value outside the body space");
        }
        Mac mac = newMac();
        byte[] tweak = poi.getBytes(StandardCharsets.US_ASCII);
        long x = value;
        // Cycle walking: the Feistel domain is at most 4x the capacity, so a few steps on average.
        do {
            x = encrypt(mac, tweak, x);
        } while (x >= capacity);
        return x;
    }

    private long encrypt(Mac mac, byte[] tweak, long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int round = 0; round < ROUNDS; round++) {
            long next = left ^ (round(mac, tweak, round, right) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    private static long round(Mac mac, byte[] tweak, int round, long half) {
        mac.update(tweak);
        mac.update(ByteBuffer.allocate(12).putInt(round).putLong(half).array());
        return ByteBuffer.wrap(mac.doFinal()).getLong();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
