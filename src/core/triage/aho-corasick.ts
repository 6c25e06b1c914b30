/**
 * Multi-pattern substring search (Aho–Corasick): one pass over the text finds every
 * occurrence of every cue, so classifying a message costs the same with 50 cues or 5,000.
 */
export interface PatternHit {
  pattern: number;
  start: number;
  end: number;
}

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Pattern ids ending here, including those reached through fail links. */
  out: number[];
}

export class AhoCorasick {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly lengths: number[] = [];

  constructor(patterns: readonly string[]) {
    patterns.forEach((p, id) => {
      this.lengths[id] = p.length;
      if (!p) return;
      let state = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let n = this.nodes[state]!.next.get(c);
        if (n === undefined) {
          n = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, out: [] });
          this.nodes[state]!.next.set(c, n);
        }
        state = n;
      }
      this.nodes[state]!.out.push(id);
    });
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    while (queue.length) {
      const s = queue.shift()!;
      for (const [c, child] of this.nodes[s]!.next) {
        let f = this.nodes[s]!.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const target = this.nodes[f]!.next.get(c);
        this.nodes[child]!.fail = target !== undefined && target !== child ? target : 0;
        this.nodes[child]!.out.push(...this.nodes[this.nodes[child]!.fail]!.out);
        queue.push(child);
      }
    }
  }

  search(text: string): PatternHit[] {
    const hits: PatternHit[] = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (state !== 0 && !this.nodes[state]!.next.has(c)) state = this.nodes[state]!.fail;
      state = this.nodes[state]!.next.get(c) ?? 0;
      for (const id of this.nodes[state]!.out) hits.push({ pattern: id, start: i + 1 - this.lengths[id]!, end: i + 1 });
    }
    return hits;
  }
}
