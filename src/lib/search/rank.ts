// Ordering search results without sorting them all: the page shows one batch of a few thousand hits,
// so it only needs the best few in order.

/**
 * The best `k` of `items`, best first. Each item is an index into `scores` and `positions`: a higher
 * score is better, and ties go to the lower position (the edition's order). Keeps a heap of `k`, so
 * ranking 4,000 hits for a first page of 20 costs a pass and a sort of 20, not a sort of 4,000.
 *
 * @example topK([0, 1, 2, 3], 2, [1, 5, 3, 5], [0, 1, 2, 3]) // => Uint32Array.of(1, 3)
 */
export function topK(items: ArrayLike<number>, k: number, scores: ArrayLike<number>, positions: ArrayLike<number>): Uint32Array {
  const size = Math.max(0, Math.min(Math.floor(k), items.length));
  // Whether item a ranks below item b.
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && positions[a]! > positions[b]!);
  // A heap whose root is the worst item kept so far.
  const heap = new Uint32Array(size);
  let n = 0;
  const down = (at: number) => {
    const item = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= n) break;
      if (child + 1 < n && worse(heap[child + 1]!, heap[child]!)) child++;
      if (!worse(heap[child]!, item)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = item;
  };
  if (size > 0) {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (n < size) {
        // Sift up.
        let at = n++;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (!worse(item, heap[parent]!)) break;
          heap[at] = heap[parent]!;
          at = parent;
        }
        heap[at] = item;
      } else if (worse(heap[0]!, item)) {
        heap[0] = item;
        down(0);
      }
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
