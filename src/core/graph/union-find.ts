/** Disjoint sets over 0…n−1 (grown on demand); find() returns the smallest member as the root. */
export class UnionFind {
  private readonly parent: number[] = [];

  find(x: number): number {
    while (this.parent.length <= x) this.parent.push(this.parent.length);
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[x] !== root) {
      const next = this.parent[x];
      this.parent[x] = root;
      x = next;
    }
    return root;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // Keeping the smaller index as root makes a group's root its first unit in topological order.
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}
