//! The two numeric steps of a layered layout that do not care what is
//! drawn: ordering the vertices of each layer to cut crossings, and placing
//! them along the layer as close to where their neighbours pull them as
//! their sizes allow.

/// Orders each layer's vertices by the barycentre of their neighbours,
/// sweeping down and up, and keeps the order with the fewest crossings.
/// `up[v]`/`down[v]` are a vertex's neighbours in the layer above/below;
/// `key[v]` keeps a group's vertices together: vertices with the same
/// `Some(g)` sort as one block, and the groups keep one order in every
/// layer. Sweeps move a group only as far as its neighbours pull its
/// block, so the groups' order is also searched: the sweeps start from
/// several orders of the groups (every order of up to five), and the
/// first order with the fewest crossings wins.
pub fn order(
    layers: &mut [Vec<usize>],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    key: &[Option<usize>],
) {
    let groups = key.iter().flatten().max().map_or(0, |g| g + 1);
    // Each start costs its sweeps: fewer starts on larger graphs.
    let budget = (40_000 / key.len().max(1)).clamp(1, 120);
    let starts = group_orders(groups, budget);
    // Each start gets a few sweeps; the best goes on for the full count.
    let rounds = if starts.len() > 1 { 4 } else { 16 };
    let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
    for start in starts {
        let mut trial = layers.to_vec();
        arrange_groups(&mut trial, key, &start);
        let c = sweep(&mut trial, up, down, key, rounds);
        if best.as_ref().is_none_or(|(fewest, _)| c < *fewest) {
            best = Some((c, trial));
        }
        if c == 0 {
            break;
        }
    }
    if let Some((c, found)) = best {
        layers.clone_from_slice(&found);
        if rounds < 16 && c > 0 {
            sweep(layers, up, down, key, 16);
        }
    }
}

/// `rounds` barycentre sweeps from the layers' present order: leaves the
/// order with the fewest crossings, its groups regrouped, and returns its
/// count.
fn sweep(
    layers: &mut [Vec<usize>],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    key: &[Option<usize>],
    rounds: usize,
) -> usize {
    // Groups together from the start, even in a layer no sweep reorders.
    regroup(layers, key);
    let mut best = layers.to_vec();
    let mut fewest = crossings(layers, down);
    for sweep in 0..rounds {
        if fewest == 0 {
            break;
        }
        let downward = sweep % 2 == 0;
        let indices: Vec<usize> = if downward {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for r in indices {
            let (fixed, neighbours) = if downward { (r - 1, up) } else { (r + 1, down) };
            let mut position = vec![f64::NAN; key.len()];
            for (i, &v) in layers[fixed].iter().enumerate() {
                position[v] = i as f64;
            }
            let bary: Vec<(usize, f64)> = layers[r]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let ps: Vec<f64> = neighbours[v]
                        .iter()
                        .map(|&n| position[n])
                        .filter(|p| !p.is_nan())
                        .collect();
                    let b = if ps.is_empty() {
                        i as f64
                    } else {
                        ps.iter().sum::<f64>() / ps.len() as f64
                    };
                    (v, b)
                })
                .collect();
            let global = group_places(layers, key);
            layers[r] = grouped_sort(&bary, key, &global);
        }
        let c = crossings(layers, down);
        if c < fewest {
            fewest = c;
            best = layers.to_vec();
        }
    }
    layers.clone_from_slice(&best);
    // One order of the groups in every layer they share.
    regroup(layers, key);
    crossings(layers, down)
}

/// The orders of the groups the sweeps start from, the present one first:
/// every order when there are few groups, else each group moved to each
/// place; at most `budget`.
fn group_orders(groups: usize, budget: usize) -> Vec<Vec<usize>> {
    let identity: Vec<usize> = (0..groups).collect();
    let mut out = vec![identity.clone()];
    if groups <= 5 {
        permute(&mut identity.clone(), 0, &mut out);
    } else {
        for g in 0..groups {
            for place in 0..groups {
                let mut moved = identity.clone();
                moved.remove(g);
                moved.insert(place, g);
                out.push(moved);
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|o| seen.insert(o.clone()));
    out.truncate(budget);
    out
}

/// Every permutation of `items[k..]` (Heap's order does not matter here).
fn permute(items: &mut Vec<usize>, k: usize, out: &mut Vec<Vec<usize>>) {
    if k + 1 >= items.len() {
        out.push(items.clone());
        return;
    }
    for i in k..items.len() {
        items.swap(k, i);
        permute(items, k + 1, out);
        items.swap(k, i);
    }
}

/// Puts the groups of every layer in the order `groups` (a permutation of
/// the group indices), each as one block in the places the groups' blocks
/// take; the other vertices keep their places.
fn arrange_groups(layers: &mut [Vec<usize>], key: &[Option<usize>], groups: &[usize]) {
    let rank: Vec<usize> = {
        let mut r = vec![0; groups.len()];
        for (i, &g) in groups.iter().enumerate() {
            r[g] = i;
        }
        r
    };
    for layer in layers.iter_mut() {
        // The slots the group members take, refilled by group order, each
        // group's members in their present order.
        let slots: Vec<usize> = (0..layer.len())
            .filter(|&i| key[layer[i]].is_some())
            .collect();
        let mut members: Vec<usize> = slots.iter().map(|&i| layer[i]).collect();
        members.sort_by_key(|&v| key[v].map_or(0, |g| rank[g]));
        for (slot, v) in slots.into_iter().zip(members) {
            layer[slot] = v;
        }
    }
}

/// Sorts a layer by barycentre, a group's members as one block placed by
/// the group's place over all layers (`global`), so groups keep the same
/// order in every layer they share.
fn grouped_sort(bary: &[(usize, f64)], key: &[Option<usize>], global: &[f64]) -> Vec<usize> {
    // Ties between blocks go by group, then vertex, so a group's members
    // never interleave with another vertex at the same place.
    let mut keyed: Vec<(f64, usize, f64, usize)> = bary
        .iter()
        .map(|&(v, b)| match key[v] {
            Some(g) => (global.get(g).copied().unwrap_or(b), g, b, v),
            None => (b, usize::MAX / 2 + v, b, v),
        })
        .collect();
    keyed.sort_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.total_cmp(&b.2))
    });
    keyed.into_iter().map(|(_, _, _, v)| v).collect()
}

/// Each group's mean place (index within its layer) over all layers.
pub(super) fn group_places(layers: &[Vec<usize>], key: &[Option<usize>]) -> Vec<f64> {
    let groups = key.iter().flatten().max().map_or(0, |g| g + 1);
    let mut sum = vec![(0.0, 0usize); groups];
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            if let Some(g) = key[v] {
                sum[g].0 += i as f64;
                sum[g].1 += 1;
            }
        }
    }
    sum.into_iter().map(|(s, n)| s / n.max(1) as f64).collect()
}

/// Re-sorts every layer by its current order, groups placed by `global`.
fn regroup(layers: &mut [Vec<usize>], key: &[Option<usize>]) {
    let global = group_places(layers, key);
    for layer in layers.iter_mut() {
        let bary: Vec<(usize, f64)> = layer
            .iter()
            .enumerate()
            .map(|(i, &v)| (v, i as f64))
            .collect();
        *layer = grouped_sort(&bary, key, &global);
    }
}

/// The number of edge crossings between consecutive layers, counted as
/// inversions (edges sorted by their upper end, their lower ends out of
/// order) with a Fenwick tree: O(E log V) a pair of layers.
pub fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>]) -> usize {
    let mut position = std::collections::HashMap::new();
    let mut total = 0;
    for pair in layers.windows(2) {
        position.clear();
        for (i, &v) in pair[1].iter().enumerate() {
            position.insert(v, i);
        }
        let mut ends: Vec<(usize, usize)> = pair[0]
            .iter()
            .enumerate()
            .flat_map(|(i, &v)| {
                down[v]
                    .iter()
                    .filter_map(|n| position.get(n).map(|&j| (i, j)))
                    .collect::<Vec<_>>()
            })
            .collect();
        ends.sort_unstable();
        // tree[k]: how many lower ends seen so far in a range ending at k.
        let n = pair[1].len();
        let mut tree = vec![0usize; n + 1];
        for (seen, &(_, j)) in ends.iter().enumerate() {
            // Ends seen so far at or left of j.
            let mut k = j + 1;
            let mut at_or_left = 0;
            while k > 0 {
                at_or_left += tree[k];
                k &= k - 1;
            }
            total += seen - at_or_left;
            let mut k = j + 1;
            while k <= n {
                tree[k] += 1;
                k += k & k.wrapping_neg();
            }
        }
    }
    total
}

/// Places a layer's vertices (in order) as close to their `desired`
/// positions as the least separations `sep` (between each vertex and the
/// next) allow, minimising the weighted squared distance: isotonic
/// regression by pooling adjacent violators.
pub fn place(desired: &[f64], weight: &[f64], sep: &[f64]) -> Vec<f64> {
    let mut offset = Vec::with_capacity(desired.len());
    let mut acc = 0.0;
    for i in 0..desired.len() {
        offset.push(acc);
        acc += sep.get(i).copied().unwrap_or(0.0);
    }
    // Blocks of pooled values: (mean, total weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for i in 0..desired.len() {
        let w = weight[i].max(1e-6);
        blocks.push((desired[i] - offset[i], w, 1));
        while blocks.len() > 1 {
            let n = blocks.len();
            let (b, a) = (blocks[n - 1], blocks[n - 2]);
            if a.0 <= b.0 {
                break;
            }
            let w = a.1 + b.1;
            blocks.truncate(n - 2);
            blocks.push(((a.0 * a.1 + b.0 * b.1) / w, w, a.2 + b.2));
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (mean, _, count) in blocks {
        for _ in 0..count {
            let i = out.len();
            out.push(mean + offset[i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placing_keeps_separation_and_stays_close() {
        let x = place(&[0.0, 0.0, 10.0], &[1.0, 1.0, 1.0], &[20.0, 20.0]);
        assert!(x[1] - x[0] >= 20.0 - 1e-9 && x[2] - x[1] >= 20.0 - 1e-9);
        // The three are pooled around their mean.
        assert!((x[0] + x[1] + x[2] - 10.0).abs() < 1e-9, "{x:?}");
        let free = place(&[0.0, 100.0], &[1.0, 1.0], &[20.0]);
        assert_eq!(free, vec![0.0, 100.0]);
    }

    #[test]
    fn ordering_removes_a_crossing() {
        // 0 → 3, 1 → 2: crossed when layer two is [2, 3].
        let mut layers = vec![vec![0, 1], vec![2, 3]];
        let down = vec![vec![3], vec![2], vec![], vec![]];
        let up = vec![vec![], vec![], vec![1], vec![0]];
        assert_eq!(crossings(&layers, &down), 1);
        order(&mut layers, &up, &down, &[None; 4]);
        assert_eq!(crossings(&layers, &down), 0);
    }

    /// The pairwise count the Fenwick tree replaces.
    fn crossings_pairwise(layers: &[Vec<usize>], down: &[Vec<usize>]) -> usize {
        let mut total = 0;
        for pair in layers.windows(2) {
            let at = |v: usize| pair[1].iter().position(|&w| w == v);
            let edges: Vec<(usize, usize)> = pair[0]
                .iter()
                .enumerate()
                .flat_map(|(i, &v)| down[v].iter().filter_map(move |&n| Some((i, at(n)?))))
                .collect();
            for (k, a) in edges.iter().enumerate() {
                for b in &edges[k + 1..] {
                    if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                        total += 1;
                    }
                }
            }
        }
        total
    }

    proptest::proptest! {
        #[test]
        fn the_fast_count_is_the_pairwise_count(
            links in proptest::collection::vec((0usize..6, 0usize..6), 0..30),
            shuffle in 0usize..720,
        ) {
            // Layer 0 holds vertices 0..6, layer 1 holds 6..12 in an order
            // picked by `shuffle`.
            let mut lower: Vec<usize> = (6..12).collect();
            let mut k = shuffle;
            for i in (1..lower.len()).rev() {
                lower.swap(i, k % (i + 1));
                k /= i + 1;
            }
            let layers = vec![(0..6).collect::<Vec<_>>(), lower];
            let mut down = vec![Vec::new(); 12];
            for (a, b) in links {
                down[a].push(6 + b);
            }
            proptest::prop_assert_eq!(crossings(&layers, &down), crossings_pairwise(&layers, &down));
        }
    }

    #[test]
    fn the_groups_order_is_searched() {
        // Found by a random search: group 1 = {2, 5} left of group 0 = {6}
        // as the sweeps find them, with one crossing; the groups the other
        // way round have none.
        let layers = vec![vec![0, 1], vec![2, 3, 4], vec![5, 6]];
        let key = [None, None, Some(1), None, None, Some(1), Some(0)];
        let links = [(0, 3), (0, 4), (1, 3), (2, 6), (3, 5), (3, 6), (4, 6)];
        let mut down = vec![vec![]; 7];
        let mut up = vec![vec![]; 7];
        for (a, b) in links {
            down[a].push(b);
            up[b].push(a);
        }
        let mut swept = layers.clone();
        assert_eq!(sweep(&mut swept, &up, &down, &key, 16), 1, "{swept:?}");
        let mut searched = layers;
        order(&mut searched, &up, &down, &key);
        assert_eq!(crossings(&searched, &down), 0, "{searched:?}");
        // Group 0 now comes first in the last layer, group 1's members
        // still one block.
        assert_eq!(searched[2], vec![6, 5]);
    }
}
