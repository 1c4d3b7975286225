//! Flowcharts: nodes, chains of links, subgraphs as flat groups.

use super::*;

/// A flowchart being read.
pub(super) struct FlowParser<'a> {
    /// The source and warnings.
    pub(super) rd: Reader<'a>,
    /// Which way it runs.
    pub(super) direction: Direction,
    /// The nodes so far.
    pub(super) nodes: Vec<Node>,
    /// Node indices by id.
    pub(super) index: HashMap<String, usize>,
    /// Each node's group, if any.
    pub(super) group_of: Vec<Option<usize>>,
    /// The groups, in the order they opened.
    pub(super) groups: Vec<Group>,
    /// The subgraphs by id, with their group.
    pub(super) subgraphs: HashMap<String, usize>,
    /// Each group's enclosing group, if nested.
    pub(super) parent: Vec<Option<usize>>,
    /// The fills asked for, applied at the end.
    pub(super) styles: super::style::Styles,
    /// The open subgraphs, innermost last: group index and `subgraph` line.
    pub(super) open: Vec<(usize, Range<usize>)>,
    /// The edges, up to the limit.
    pub(super) edges: Vec<Edge>,
    /// How many edges were written, beyond the limit too.
    pub(super) edge_count: usize,
    /// The first node past the limit.
    pub(super) too_many_nodes: Option<Range<usize>>,
    /// The statement with the first edge past the limit.
    pub(super) too_many_edges: Option<Range<usize>>,
    /// Each `direction` line inside a subgraph: the group and the line.
    pub(super) directions: Vec<(usize, Range<usize>)>,
}

impl<'a> FlowParser<'a> {
    /// An empty flowchart.
    pub(super) fn new(rd: Reader<'a>, direction: Direction) -> Self {
        Self {
            rd,
            direction,
            nodes: Vec::new(),
            index: HashMap::new(),
            group_of: Vec::new(),
            groups: Vec::new(),
            subgraphs: HashMap::new(),
            parent: Vec::new(),
            styles: super::style::Styles::default(),
            open: Vec::new(),
            edges: Vec::new(),
            edge_count: 0,
            too_many_nodes: None,
            too_many_edges: None,
            directions: Vec::new(),
        }
    }

    /// Reads every statement after the first line.
    pub(super) fn run(
        mut self,
        header: Range<usize>,
        body: &[Line<'_>],
    ) -> Result<(Flow, Vec<Diagnostic>), Diagnostic> {
        for line in body {
            let (word, kw) = line.word();
            match word {
                "subgraph" => self.subgraph(line, kw)?,
                "end" => {
                    if self.open.pop().is_none() {
                        return Err(self.rd.error(
                            kw,
                            "`end` without a `subgraph` to close",
                            "remove it, or open a group first: `subgraph name` … `end`",
                        ));
                    }
                }
                "direction" => self.group_direction(line, kw)?,
                "classDef" | "class" | "style" => {
                    let rest = trim(self.rd.src, kw.end..line.range().end);
                    self.style_line(word, kw, rest);
                }
                "linkStyle" => self.rd.styling(word, kw),
                "click" => {
                    return Err(self.rd.error(
                        kw,
                        "`click` makes a node interactive, which a slide cannot be",
                        "remove the line; put the link on the slide or in the notes",
                    ));
                }
                _ => self.statement(line)?,
            }
        }
        if let Some((_, line)) = self.open.last() {
            return Err(self.rd.error(
                line.clone(),
                "this subgraph is never closed",
                "close it with `end` on its own line",
            ));
        }
        if let Some(range) = &self.too_many_nodes {
            let message = format!(
                "this diagram has {} nodes; a slide holds at most {MAX_NODES}",
                self.nodes.len()
            );
            let hint = "split it over several slides, or group the details into fewer boxes";
            return Err(self.rd.error(range.clone(), message, hint));
        }
        if let Some(range) = &self.too_many_edges {
            let message = format!(
                "this diagram has {} edges; a slide holds at most {MAX_EDGES}",
                self.edge_count
            );
            return Err(self
                .rd
                .error(range.clone(), message, "split it over several slides"));
        }
        if self.nodes.is_empty() {
            return Err(self.rd.error(
                header,
                "this flowchart has no nodes",
                "add one statement per line, e.g. `a[Start] --> b[End]`",
            ));
        }
        self.forward_group_ends();
        self.group_ends()?;
        self.apply_styles();
        // Empty groups go; the edges' groups keep pointing at theirs.
        let mut renumber = Vec::with_capacity(self.groups.len());
        let mut kept = 0;
        for g in &self.groups {
            renumber.push(kept);
            kept += usize::from(!g.nodes.is_empty());
        }
        for e in &mut self.edges {
            e.from_group = e.from_group.map(|g| renumber[g]);
            e.to_group = e.to_group.map(|g| renumber[g]);
        }
        let flow = Flow {
            direction: self.direction,
            nodes: self.nodes,
            edges: self.edges,
            groups: self
                .groups
                .into_iter()
                .filter(|g| !g.nodes.is_empty())
                .collect(),
        };
        // A subgraph linked outside keeps the chart's direction, as in
        // Mermaid: say so where its `direction` is.
        for (g, line) in std::mem::take(&mut self.directions) {
            let g = renumber[g];
            let turned = flow.groups.get(g).and_then(|gr| gr.direction);
            if turned.is_some_and(|d| d != flow.direction) && flow.own_direction(g).is_none() {
                self.rd.note_once(
                    &format!("direction {g}"),
                    line,
                    "this subgraph runs the chart's way: its `direction` holds only for a subgraph whose nodes are not linked outside it (as in Mermaid)",
                    "link the subgraph itself (`a --> sub`) instead of its nodes",
                );
            }
        }
        Ok((flow, self.rd.warnings))
    }

    /// `direction TB` inside a subgraph: the direction its nodes run in
    /// (outside any subgraph it changes nothing, with a note).
    fn group_direction(&mut self, line: &Line<'_>, kw: Range<usize>) -> Result<(), Diagnostic> {
        let Some(&(g, _)) = self.open.last() else {
            self.rd.note_once(
                "direction",
                kw,
                "`direction` outside a subgraph is ignored",
                "set the chart's direction on its first line (`flowchart LR`)",
            );
            return Ok(());
        };
        let mut c = Cursor::new(self.rd.src, kw.end..line.range().end);
        let d = self.rd.direction(&mut c)?;
        if let Some(group) = self.groups.get_mut(g) {
            group.direction = Some(d);
        }
        self.directions.push((g, line.range()));
        Ok(())
    }

    /// Opens a group: `subgraph id [title]`, `subgraph id["title"]` or
    /// `subgraph Any title`.
    pub(super) fn subgraph(&mut self, line: &Line<'_>, kw: Range<usize>) -> Result<(), Diagnostic> {
        let rest = trim(self.rd.src, kw.end..line.range().end);
        if rest.is_empty() {
            return Err(self.rd.error(
                kw,
                "this subgraph has no title",
                "write `subgraph api [API layer]`, then its nodes, then `end`",
            ));
        }
        let mut c = Cursor::new(self.rd.src, rest.clone());
        let (id, title) = if let Some(inner) = c.quoted() {
            (inner.clone(), inner)
        } else if let Some(id) = c.ident() {
            c.skip_ws();
            if c.at_end() {
                (id.clone(), id)
            } else if c.peek() == Some('[') {
                let open = c.pos..c.pos + 1;
                c.pos += 1;
                (id, self.rd.delimited(&mut c, open, "]")?)
            } else {
                (rest.clone(), rest)
            }
        } else {
            (rest.clone(), rest)
        };
        if !self.open.is_empty() {
            self.rd.warn_once(
                "nested subgraph",
                kw,
                "nested subgraphs are drawn side by side: a node belongs to its innermost subgraph only",
                "put the nodes of the outer subgraph in it directly, or split the diagram",
            );
        }
        self.subgraphs
            .insert(self.rd.slice(id).to_owned(), self.groups.len());
        self.parent.push(self.open.last().map(|&(g, _)| g));
        let label = self.rd.text(title);
        self.open.push((self.groups.len(), line.range()));
        self.groups.push(Group {
            label,
            nodes: Vec::new(),
            direction: None,
        });
        Ok(())
    }

    /// Reads a statement of nodes and links: `a & b --> c -->|x| d`.
    pub(super) fn statement(&mut self, line: &Line<'_>) -> Result<(), Diagnostic> {
        let mut c = Cursor::new(self.rd.src, line.range());
        let mut left = self.nodes(&mut c)?;
        let mut named = left.clone();
        let mut linked = false;
        loop {
            c.skip_ws();
            if c.at_end() {
                break;
            }
            let Some(link) = self.rd.link(&mut c)? else {
                return Err(self.rd.expected(&c, "expected an arrow here", ARROW_HINT));
            };
            c.skip_ws();
            let right = self.nodes(&mut c)?;
            named.extend(&right);
            self.connect(&left, &right, &link, line.range());
            left = right;
            linked = true;
        }
        // Nodes listed on their own inside a subgraph move into it; as in
        // Mermaid, a node a link inside a subgraph names joins it when it
        // is in no group yet.
        if let Some(&(group, _)) = self.open.last() {
            for node in named {
                if !linked || self.group_of.get(node).is_some_and(Option::is_none) {
                    self.join(node, group);
                }
            }
        }
        Ok(())
    }

    /// Reads nodes joined by `&`.
    pub(super) fn nodes(&mut self, c: &mut Cursor<'_>) -> Result<Vec<usize>, Diagnostic> {
        let mut out = vec![self.node(c)?];
        loop {
            let save = c.pos;
            c.skip_ws();
            if !c.eat("&") {
                c.pos = save;
                return Ok(out);
            }
            c.skip_ws();
            out.push(self.node(c)?);
        }
    }

    /// Reads one node: an id, its shape and text if given, and a
    /// `:::class` (ignored).
    pub(super) fn node(&mut self, c: &mut Cursor<'_>) -> Result<usize, Diagnostic> {
        let Some(id) = c.ident() else {
            return Err(self.rd.expected(c, "expected a node id here", NODE_HINT));
        };
        let mut label = self.slanted(c)?;
        for &(open, close, shape) in SHAPES.iter().filter(|_| label.is_none()) {
            let start = c.pos;
            if c.eat(open) {
                let open = start..c.pos;
                let text = self.rd.delimited(c, open, close)?;
                label = Some((self.rd.text(text), shape));
                break;
            }
        }
        let class = c.eat(":::").then(|| c.ident()).flatten();
        if let Some(class) = class {
            let name = self.rd.slice(id.clone()).to_owned();
            self.class_of(&name, class);
        }
        self.node_at(id, label)
    }

    /// A slanted shape (`[/text/]`, `[\\text\\]`, `[/text\\]`, `[\\text/]`):
    /// which one its closing slash says.
    fn slanted(&mut self, c: &mut Cursor<'_>) -> Result<Option<(Text, Shape)>, Diagnostic> {
        let lean = if c.rest().starts_with("[/") {
            '/'
        } else if c.rest().starts_with("[\\") {
            '\\'
        } else {
            return Ok(None);
        };
        let open = c.pos..c.pos + 2;
        c.pos += 2;
        let inner = self.rd.delimited(c, open.clone(), "]")?;
        let text = self.rd.slice(inner.clone());
        let Some(close) = text.chars().last().filter(|ch| matches!(ch, '/' | '\\')) else {
            return Err(self.rd.error(
                open,
                "this slanted shape is never closed: expected `/]` or `\\]`",
                "write `[/text/]`, `[\\text\\]`, `[/text\\]` or `[\\text/]`",
            ));
        };
        let shape = match (lean, close) {
            ('/', '/') => Shape::Parallelogram,
            ('\\', '\\') => Shape::ParallelogramAlt,
            ('/', _) => Shape::Trapezoid,
            _ => Shape::TrapezoidAlt,
        };
        let inner = trim(self.rd.src, inner.start..inner.end - 1);
        Ok(Some((self.rd.text(inner), shape)))
    }

    /// The index of the node with the id in `id`, added if new; a label
    /// given replaces the one before.
    pub(super) fn node_at(
        &mut self,
        id: Range<usize>,
        label: Option<(Text, Shape)>,
    ) -> Result<usize, Diagnostic> {
        let name = self.rd.slice(id.clone());
        if let Some(&i) = self.index.get(name) {
            if let Some((text, shape)) = label
                && let Some(node) = self.nodes.get_mut(i)
            {
                node.label = text;
                node.shape = shape;
            }
            return Ok(i);
        }
        if let Some(&group) = self.subgraphs.get(name) {
            return Ok(GROUP_END | group);
        }
        let (label, shape) = label.unwrap_or_else(|| (self.rd.text(id.clone()), Shape::Box));
        let i = self.nodes.len();
        self.nodes.push(Node {
            id: name.to_owned(),
            label,
            shape,
            fill: None,
            at: None,
        });
        self.index.insert(name.to_owned(), i);
        self.group_of.push(None);
        if let Some(&(group, _)) = self.open.last() {
            self.join(i, group);
        }
        if self.nodes.len() == MAX_NODES + 1 {
            self.too_many_nodes = Some(id);
        }
        Ok(i)
    }

    /// Puts a node in a group, taking it out of any other.
    pub(super) fn join(&mut self, node: usize, group: usize) {
        let Some(slot) = self.group_of.get_mut(node) else {
            return;
        };
        if *slot == Some(group) {
            return;
        }
        if let Some(old) = slot.replace(group)
            && let Some(g) = self.groups.get_mut(old)
        {
            g.nodes.retain(|&n| n != node);
        }
        if let Some(g) = self.groups.get_mut(group) {
            g.nodes.push(node);
        }
    }

    /// Adds an edge from every node of `from` to every node of `to`.
    pub(super) fn connect(
        &mut self,
        from: &[usize],
        to: &[usize],
        link: &Link,
        line: Range<usize>,
    ) {
        for &a in from {
            for &b in to {
                self.edge_count += 1;
                if self.edge_count == MAX_EDGES + 1 {
                    self.too_many_edges = Some(line.clone());
                }
                if self.edge_count > MAX_EDGES {
                    continue;
                }
                self.edges.push(Edge {
                    from: a,
                    to: b,
                    label: link.label.clone(),
                    stroke: link.stroke,
                    head: link.head,
                    tail: link.tail,
                    span: self.rd.span(line.clone()),
                    from_group: None,
                    to_group: None,
                });
            }
        }
    }
}

/// Marks a subgraph where a statement names one as an edge's end: the
/// group's index with this bit set, resolved by [`FlowParser::group_ends`].
const GROUP_END: usize = 1 << 40;

impl FlowParser<'_> {
    /// Resolves edges to and from subgraphs: an edge reaches a group at its
    /// border, laid out towards its first node (leaves from its last),
    /// nested groups' nodes included. A subgraph without nodes becomes a
    /// node of its title, as Mermaid draws an empty box.
    fn group_ends(&mut self) -> Result<(), Diagnostic> {
        for k in 0..self.edges.len() {
            for to in [false, true] {
                let e = &self.edges[k];
                let end = if to { e.to } else { e.from };
                if end & GROUP_END == 0 {
                    continue;
                }
                let g = end & !GROUP_END;
                let members = self.members(g);
                let node = if to { members.first() } else { members.last() };
                let (node, group) = match node {
                    Some(&n) => (n, self.group_of.get(n).copied().flatten()),
                    None => (self.empty_group_node(g)?, None),
                };
                let e = &mut self.edges[k];
                if to {
                    (e.to, e.to_group) = (node, group);
                } else {
                    (e.from, e.from_group) = (node, group);
                }
            }
        }
        Ok(())
    }

    /// An edge may name a subgraph defined further down: Mermaid takes the
    /// id for the subgraph's, and so does lectern. A node that was made
    /// for such an id and never given a label of its own is taken out,
    /// and its edges end at the subgraph.
    fn forward_group_ends(&mut self) {
        let mut forward: Vec<(usize, usize)> = self
            .subgraphs
            .iter()
            .filter_map(|(name, &g)| {
                let &i = self.index.get(name)?;
                let node = self.nodes.get(i)?;
                (node.label.value == *name && node.shape == Shape::Box).then_some((i, g))
            })
            .collect();
        // Last first, so the indices still to remove stay right.
        forward.sort_unstable_by(|a, b| b.cmp(a));
        for (i, g) in forward {
            let shift = |n: usize| {
                if n > i && n & GROUP_END == 0 {
                    n - 1
                } else {
                    n
                }
            };
            for e in &mut self.edges {
                for end in [&mut e.from, &mut e.to] {
                    *end = if *end == i {
                        GROUP_END | g
                    } else {
                        shift(*end)
                    };
                }
            }
            for group in &mut self.groups {
                group.nodes.retain(|&n| n != i);
                for n in &mut group.nodes {
                    *n = shift(*n);
                }
            }
            self.nodes.remove(i);
            self.group_of.remove(i);
            self.index.retain(|_, n| *n != i);
            for n in self.index.values_mut() {
                *n = shift(*n);
            }
        }
    }

    /// The nodes of group `g` and of the groups inside it, in order. A
    /// group's parent opened before it, so the walk up always ends.
    fn members(&self, g: usize) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&n| {
                let mut at = self.group_of.get(n).copied().flatten();
                while let Some(h) = at {
                    if h == g {
                        return true;
                    }
                    at = self.parent.get(h).copied().flatten();
                }
                false
            })
            .collect()
    }

    /// Group `g`, which holds no nodes, as a node of its title.
    fn empty_group_node(&mut self, g: usize) -> Result<usize, Diagnostic> {
        let Some(group) = self.groups.get(g) else {
            return Err(Diagnostic::error("an edge to an unknown subgraph"));
        };
        let label = group.label.clone();
        let i = self.nodes.len();
        self.nodes.push(Node {
            id: format!("subgraph {g}"),
            label,
            shape: Shape::Box,
            fill: None,
            at: None,
        });
        self.group_of.push(None);
        if let Some(p) = self.parent.get(g).copied().flatten() {
            self.join(i, p);
        }
        // The node stands for the group from now on.
        for e in &mut self.edges {
            if e.to == GROUP_END | g {
                e.to = i;
            }
            if e.from == GROUP_END | g {
                e.from = i;
            }
        }
        Ok(i)
    }
}
