package io.credpool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdleStacksTest {

    private static Slot[] slots(int n) {
        Slot[] slots = new Slot[n];
        for (int i = 0; i < n; i++) {
            slots[i] = new Slot(i);
        }
        return slots;
    }

    @Test
    void popsTheLastPushedFirst() {
        Slot[] slots = slots(3);
        IdleStacks stacks = new IdleStacks(slots, 1);
        stacks.push(0, slots[0]);
        stacks.push(0, slots[1]);
        stacks.push(0, slots[2]);
        assertSame(slots[2], stacks.pop(0));
        assertSame(slots[1], stacks.pop(0));
        stacks.push(0, slots[2]);
        assertSame(slots[2], stacks.pop(0));
        assertSame(slots[0], stacks.pop(0));
        assertNull(stacks.pop(0));
    }

    @Test
    void stealsFromOtherStacksWhenItsOwnIsEmpty() {
        Slot[] slots = slots(2);
        IdleStacks stacks = new IdleStacks(slots, 4);
        assertEquals(4, stacks.stripes());
        stacks.push(3, slots[1]);
        assertTrue(stacks.any());
        assertSame(slots[1], stacks.pop(0));
        assertNull(stacks.pop(0));
        assertTrue(!stacks.any());
    }

    @Test
    void takeAllDetachesAChainThatCanBePutBack() {
        Slot[] slots = slots(3);
        IdleStacks stacks = new IdleStacks(slots, 1);
        for (Slot s : slots) {
            stacks.push(0, s);
        }
        Slot top = stacks.takeAll(0);
        assertNull(stacks.pop(0));
        List<Slot> chain = new ArrayList<>();
        for (Slot s = top; s != null; s = stacks.below(s)) {
            chain.add(s);
        }
        assertEquals(List.of(slots[2], slots[1], slots[0]), chain);
        stacks.push(0, slots[0]);
        slots[2].next = slots[1].index + 1;
        stacks.pushChain(0, slots[2], slots[1]);
        assertSame(slots[2], stacks.pop(0));
        assertSame(slots[1], stacks.pop(0));
        assertSame(slots[0], stacks.pop(0));
    }

    @Test
    void neitherLosesNorDuplicatesSlotsUnderContention() throws Exception {
        Slot[] slots = slots(8);
        IdleStacks stacks = new IdleStacks(slots, 2);
        for (Slot s : slots) {
            stacks.push(0, s);
        }
        Set<Slot> held = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        int threads = 8;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int home = t;
            new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    Slot s = stacks.pop(home);
                    if (s == null) {
                        continue;
                    }
                    if (!held.add(s)) {
                        duplicates.incrementAndGet();
                    }
                    held.remove(s);
                    stacks.push(home, s);
                }
                done.countDown();
            }).start();
        }
        done.await();
        assertEquals(0, duplicates.get());
        Set<Slot> left = new HashSet<>();
        for (Slot s; (s = stacks.pop(0)) != null; ) {
            assertTrue(left.add(s), "popped twice: " + s);
        }
        assertEquals(8, left.size());
    }
}
