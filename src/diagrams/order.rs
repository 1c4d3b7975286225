//! The two numeric steps of a layered layout that do not care what is
//! drawn: ordering the vertices of each layer to cut crossings, and placing
//! them along the layer as close to where their neighbours pull them as
//! their sizes allow.

/// Orders each layer's vertices by the barycentre of their neighbours,
/// sweeping down and up, and keeps the order with the fewest crossings.
/// `up[v]`/`down[v]` are a vertex's neighbours in the layer above/below;
/// `key[v]` keeps a group's vertices together: vertices with the same
/// `Some(g)` sort as one block.
pub fn order(
    layers: &mut [Vec<usize>],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    key: &[Option<usize>],
) {
    // Groups together from the start, even in a layer no sweep reorders.
    regroup(layers, key);
    let mut best = layers.to_vec();
    let mut fewest = crossings(layers, down);
    for sweep in 0..16 {
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

/// The number of edge crossings between consecutive layers.
pub fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>]) -> usize {
    let mut total = 0;
    for pair in layers.windows(2) {
        let mut position = std::collections::HashMap::new();
        for (i, &v) in pair[1].iter().enumerate() {
            position.insert(v, i);
        }
        let edges: Vec<(usize, usize)> = pair[0]
            .iter()
            .enumerate()
            .flat_map(|(i, &v)| {
                down[v]
                    .iter()
                    .filter_map(|n| position.get(n).map(|&j| (i, j)))
                    .collect::<Vec<_>>()
            })
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
}
