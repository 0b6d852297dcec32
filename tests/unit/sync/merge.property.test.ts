import { describe, expect, it } from 'vitest';
import {
  canonicalContent,
  mergeElements,
  planSync,
  type PlanState,
  type SyncContent,
  type SyncElement,
} from '../../../lib/sync/merge';

/** Small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] as T,
  };
}

function content(name: string, hotp: boolean, issuer = 'Issuer'): SyncContent {
  return {
    data: {
      kind: hotp ? 'hotp' : 'totp',
      issuer,
      account: name,
      secret: `SECRET${name.replace(/\W/g, '').toUpperCase()}`,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    },
    allowedSites: ['example.com'],
    enrolledOrigin: 'https://example.com',
    pinned: false,
  };
}

interface Device {
  id: string;
  vault: Map<string, SyncContent>;
  state: PlanState;
  nextId: number;
  skew: number;
  /** A sync that has read the remote and not yet written (a race with the others). */
  snapshot: Map<string, SyncElement> | null;
}

function newDevice(id: string, skew: number): Device {
  return {
    id,
    vault: new Map(),
    state: { clock: { t: 0, c: 0, d: id }, entries: {} },
    nextId: 0,
    skew,
    snapshot: null,
  };
}

/** One sync of `device` against `remote` (as read), applying the plan to its vault like the engine does. */
function sync(
  device: Device,
  remote: Map<string, SyncElement>,
  now: number,
): Map<string, SyncElement> | null {
  const plan = planSync({
    accounts: [...device.vault].map(([id, c]) => ({ id, content: c })),
    brokenIds: new Set(),
    state: device.state,
    remote,
    now: now + device.skew,
    deviceId: device.id,
  });
  for (const op of plan.ops) {
    if (op.kind === 'add') {
      const localId = `${device.id}-${device.nextId++}`;
      device.vault.set(localId, op.content);
      const entry = plan.next.entries[op.syncId];
      if (entry) entry.localId = localId;
    } else if (op.kind === 'remove') {
      device.vault.delete(op.localId);
    } else {
      device.vault.set(op.localId, op.content);
    }
  }
  device.state = plan.next;
  return plan.push ? new Map(plan.merged) : null;
}

function simulate(seed: number, steps: number) {
  const r = prng(seed);
  const devices = [0, 1, 2].map((i) => newDevice(`dev${i}`, r.int(20_000) - 10_000));
  let remote = new Map<string, SyncElement>();
  const deletedNames = new Set<string>();
  const maxCounter = new Map<string, number>();
  let names = 0;
  for (let step = 0; step < steps; step++) {
    const now = 1_000_000 + step * 1000;
    const device = r.pick(devices);
    const ids = [...device.vault.keys()];
    const roll = r.next();
    if (roll < 0.2) {
      const name = `acc${names++}`;
      device.vault.set(`${device.id}-${device.nextId++}`, content(name, r.next() < 0.5));
    } else if (roll < 0.35 && ids.length > 0) {
      const id = r.pick(ids);
      const c = device.vault.get(id) as SyncContent;
      device.vault.set(id, {
        ...c,
        data: { ...c.data, issuer: `Issuer${r.int(1000)}` },
        pinned: r.next() < 0.5,
      });
    } else if (roll < 0.45 && ids.length > 0) {
      const id = r.pick(ids);
      deletedNames.add((device.vault.get(id) as SyncContent).data.account);
      device.vault.delete(id);
    } else if (roll < 0.6 && ids.length > 0) {
      const id = r.pick(ids);
      const c = device.vault.get(id) as SyncContent;
      if (c.data.kind === 'hotp') {
        const counter = c.data.counter + 1 + r.int(3);
        device.vault.set(id, { ...c, data: { ...c.data, counter } });
        maxCounter.set(c.data.account, Math.max(maxCounter.get(c.data.account) ?? 0, counter));
      }
    } else if (roll < 0.8 && device.snapshot === null) {
      device.snapshot = new Map(remote);
    } else {
      // Finish a sync: from the (possibly stale) snapshot, overwriting whatever the remote holds now.
      const pushed = sync(device, device.snapshot ?? new Map(remote), now);
      device.snapshot = null;
      if (pushed) remote = pushed;
    }
  }
  // Quiesce: everyone syncs in turn until nothing is pushed any more.
  let now = 1_000_000 + steps * 1000;
  for (let round = 0; round < 10; round++) {
    let pushes = 0;
    for (const device of devices) {
      device.snapshot = null;
      const pushed = sync(device, new Map(remote), (now += 1000));
      if (pushed) {
        remote = pushed;
        pushes++;
      }
    }
    if (pushes === 0) break;
  }
  return { devices, deletedNames, maxCounter, names };
}

function view(device: Device): string[] {
  return [...device.vault.values()].map(canonicalContent).sort();
}

describe('sync merge: three devices, random interleavings', () => {
  it('converge to the same accounts, lose none that was not deleted, keep the highest HOTP counter', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { devices, deletedNames, maxCounter, names } = simulate(seed, 120);
      const first = view(devices[0] as Device);
      for (const device of devices) expect(view(device), `seed ${seed}`).toEqual(first);
      const present = new Map<string, SyncContent>();
      for (const c of (devices[0] as Device).vault.values()) {
        expect(present.has(c.data.account), `seed ${seed}: ${c.data.account} twice`).toBe(false);
        present.set(c.data.account, c);
      }
      for (let i = 0; i < names; i++) {
        const name = `acc${i}`;
        if (!deletedNames.has(name)) expect(present.has(name), `seed ${seed}: ${name} lost`).toBe(true);
        // why: a bump made on a browser that then deleted the account before syncing goes with the delete.
        const c = deletedNames.has(name) ? undefined : present.get(name);
        if (c)
          expect(c.data.counter, `seed ${seed}: ${name} counter`).toBeGreaterThanOrEqual(
            maxCounter.get(name) ?? 0,
          );
      }
    }
  });
});

describe('mergeElements', () => {
  const r = prng(7);
  const randomElement = (): SyncElement => ({
    hlc: { t: r.int(5), c: r.int(3), d: r.pick(['a', 'b', 'c']) },
    counter: r.int(10),
    content: r.next() < 0.3 ? null : content(`n${r.int(3)}`, true, `I${r.int(3)}`),
  });
  const key = (e: SyncElement) =>
    JSON.stringify([e.hlc, e.counter, e.content && canonicalContent(e.content)]);

  it('is commutative, associative and idempotent (same result in any order)', () => {
    for (let i = 0; i < 2000; i++) {
      const [a, b, c] = [randomElement(), randomElement(), randomElement()];
      expect(key(mergeElements(a, b))).toBe(key(mergeElements(b, a)));
      expect(key(mergeElements(mergeElements(a, b), c))).toBe(key(mergeElements(a, mergeElements(b, c))));
      expect(key(mergeElements(a, a))).toBe(key(a.content ? mergeElements(a, a) : a));
    }
  });

  it('a delete wins over an older edit and loses to a newer one; the counter is the maximum', () => {
    const edit = (t: number, counter: number): SyncElement => ({
      hlc: { t, c: 0, d: 'a' },
      counter,
      content: content('x', true),
    });
    const tomb: SyncElement = { hlc: { t: 5, c: 0, d: 'b' }, counter: 9, content: null };
    expect(mergeElements(edit(4, 3), tomb).content).toBeNull();
    const newer = mergeElements(tomb, edit(6, 3));
    expect(newer.content?.data.counter).toBe(9);
    expect(newer.counter).toBe(9);
  });
});

describe('planSync edge cases', () => {
  const empty: PlanState = { clock: { t: 0, c: 0, d: 'me' }, entries: {} };

  it('a record this vault cannot decrypt is never taken for deleted, and the remote copy stays', () => {
    const remote = new Map<string, SyncElement>([
      ['s1', { hlc: { t: 5, c: 0, d: 'other' }, counter: 0, content: content('x', false) }],
    ]);
    const state: PlanState = {
      clock: { t: 5, c: 0, d: 'me' },
      entries: { s1: { localId: 'broken-1', hlc: { t: 5, c: 0, d: 'other' }, counter: 0, digest: 'x' } },
    };
    const plan = planSync({
      accounts: [],
      brokenIds: new Set(['broken-1']),
      state,
      remote,
      now: 9,
      deviceId: 'me',
    });
    expect(plan.ops).toEqual([]);
    expect(plan.merged.get('s1')?.content).not.toBeNull();
    expect(plan.next.entries.s1).toEqual(state.entries.s1);
  });

  it('an account both browsers had before syncing (same secret and names) is linked, not duplicated', () => {
    const remote = new Map<string, SyncElement>([
      ['theirs', { hlc: { t: 5, c: 0, d: 'other' }, counter: 0, content: content('same', false) }],
    ]);
    const plan = planSync({
      accounts: [{ id: 'mine', content: content('same', false) }],
      brokenIds: new Set(),
      state: empty,
      remote,
      now: 9,
      deviceId: 'me',
    });
    expect(plan.ops).toEqual([]);
    expect([...plan.merged.keys()]).toEqual(['theirs']);
    expect(plan.next.entries.theirs?.localId).toBe('mine');
  });

  it('an unreadable remote (null) merges nothing and deletes nothing', () => {
    const plan = planSync({
      accounts: [{ id: 'a', content: content('a', false) }],
      brokenIds: new Set(),
      state: empty,
      remote: null,
      now: 9,
      deviceId: 'me',
    });
    expect(plan.ops).toEqual([]);
    expect(plan.merged.get('a')?.content?.data.account).toBe('a');
  });
});
