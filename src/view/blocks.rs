//! The block structure of CommonMark text, as much of it as an entry
//! needs to be nested in `tips journal --markdown`: where its headings are,
//! and which block it leaves open at its end. It follows CommonMark's own
//! reading of blocks, line by line: the open containers (block quotes,
//! lists, list items) each take their part of a line or end, and what is
//! left of the line continues the open leaf block or starts new blocks.
//!
//! No crate does this here because each CommonMark crate carries the HTML
//! entity table of inline parsing, whose pointers the loader relocates at
//! every start of `tips`, login included (measured with pulldown-cmark:
//! 60,000 more instructions for `tips motd`, an eighth of it, which took
//! the login over its budget). Inline parsing is never needed: only blocks
//! decide what is a heading. Link reference
//! definitions are not told apart from paragraphs: a line of `=` or `-`
//! under one makes a heading here, not to CommonMark.
//!
//! This file stands alone (std only), so that the tests can compile it
//! with a judge's reading beside it.

use std::ops::Range;

/// A heading a reader sees, as found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: usize,
    /// The lines it takes, counted from 0: its own line for a `#` heading,
    /// the text and the underline for an underlined one.
    pub lines: Range<usize>,
    pub form: Form,
}

/// How a heading is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// `## text`: the bytes of its opening run of `#`s.
    Hashes(Range<usize>),
    /// Text underlined by `===` or `---`: the bytes from the start of its
    /// text to the end of the underline (without the line ending), and
    /// the bytes of each line of its text.
    Underlined {
        whole: Range<usize>,
        text: Vec<Range<usize>>,
    },
}

/// A block left open at the very end of the text, outside any container:
/// everything after it would be inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// A fenced code block of `length` times `mark`.
    Fence { mark: char, length: usize },
    /// An HTML block that runs until this mark.
    Html { end: &'static str },
}

/// What `scan` found.
#[derive(Debug, Default)]
pub struct Blocks {
    pub headings: Vec<Heading>,
    pub open: Option<Open>,
}

/// The headings of `text` and the block it leaves open, as CommonMark
/// reads its blocks.
pub fn scan(text: &str) -> Blocks {
    let mut scanner = Scanner::default();
    let mut start = 0;
    let mut number = 0;
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
        let line = &text[start..end];
        // A line ending `\r\n` is one line ending.
        let line = line.strip_suffix('\r').unwrap_or(line);
        scanner.line(number, start, line);
        start = end + 1;
        number += 1;
    }
    let open = match (&scanner.containers[..], &scanner.leaf) {
        ([], Some(Leaf::Fence { mark, length, .. })) => Some(Open::Fence {
            mark: char::from(*mark),
            length: *length,
        }),
        (
            [],
            Some(Leaf::Html {
                end: HtmlEnd::Mark(end),
            }),
        ) => Some(Open::Html { end }),
        _ => None,
    };
    Blocks {
        headings: scanner.headings,
        open,
    }
}

/// Spaces of indentation from which a line is code (or not a block start).
const CODE_INDENT: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Bullet(u8),
    Ordered(u8),
}

#[derive(Debug)]
enum Container {
    Quote,
    List(ListKind),
    /// A list item whose content starts `width` columns in; `filled` once
    /// it holds a block (an item that starts blank ends at a blank line).
    Item {
        width: usize,
        filled: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HtmlEnd {
    Mark(&'static str),
    BlankLine,
}

#[derive(Debug)]
enum Leaf {
    Paragraph {
        first_line: usize,
        start: usize,
        lines: Vec<Range<usize>>,
    },
    Fence {
        mark: u8,
        length: usize,
        indent: usize,
    },
    IndentedCode,
    Html {
        end: HtmlEnd,
    },
}

#[derive(Default)]
struct Scanner {
    containers: Vec<Container>,
    leaf: Option<Leaf>,
    headings: Vec<Heading>,
}

/// A place in one line, in bytes and in columns (a tab goes to the next
/// multiple of 4, and may be taken partly by a container).
struct Cursor<'a> {
    line: &'a [u8],
    offset: usize,
    /// A tab taken partly leaves `offset` on it and `column` inside it.
    column: usize,
    next_nonspace: usize,
    next_nonspace_column: usize,
    indent: usize,
    blank: bool,
}

impl<'a> Cursor<'a> {
    fn new(line: &'a str) -> Self {
        let mut cursor = Cursor {
            line: line.as_bytes(),
            offset: 0,
            column: 0,
            next_nonspace: 0,
            next_nonspace_column: 0,
            indent: 0,
            blank: true,
        };
        cursor.find_next_nonspace();
        cursor
    }

    fn find_next_nonspace(&mut self) {
        let (mut at, mut column) = (self.offset, self.column);
        while let Some(&byte) = self.line.get(at) {
            match byte {
                b' ' => column += 1,
                b'\t' => column += 4 - column % 4,
                _ => break,
            }
            at += 1;
        }
        self.next_nonspace = at;
        self.next_nonspace_column = column;
        self.indent = column - self.column;
        self.blank = at == self.line.len();
    }

    fn indented(&self) -> bool {
        self.indent >= CODE_INDENT
    }

    /// The line from its first character that is not a space or tab.
    fn rest_from_nonspace(&self) -> &'a [u8] {
        &self.line[self.next_nonspace..]
    }

    fn peek(&self) -> Option<u8> {
        self.line.get(self.offset).copied()
    }

    /// Moves `count` characters on, or `count` columns where `columns`
    /// (taking a tab partly if need be).
    fn advance(&mut self, mut count: usize, columns: bool) {
        while count > 0 {
            let Some(byte) = self.peek() else { break };
            if byte == b'\t' {
                let to_tab_stop = 4 - self.column % 4;
                if columns {
                    let taken = to_tab_stop.min(count);
                    self.column += taken;
                    if taken == to_tab_stop {
                        self.offset += 1;
                    }
                    count -= taken;
                } else {
                    self.column += to_tab_stop;
                    self.offset += 1;
                    count -= 1;
                }
            } else {
                self.offset += 1;
                self.column += 1;
                count -= 1;
            }
        }
    }

    fn advance_to_nonspace(&mut self) {
        self.offset = self.next_nonspace;
        self.column = self.next_nonspace_column;
    }
}

fn space_or_tab(byte: Option<u8>) -> bool {
    matches!(byte, Some(b' ' | b'\t'))
}

impl Scanner {
    /// Reads line `number`, which starts at byte `start` of the text.
    fn line(&mut self, number: usize, start: usize, line: &str) {
        let mut cursor = Cursor::new(line);
        // The open containers, outermost first, each take their part.
        let mut matched = 0;
        for container in &mut self.containers {
            cursor.find_next_nonspace();
            let continues = match container {
                Container::Quote => {
                    let quoted =
                        !cursor.indented() && cursor.rest_from_nonspace().first() == Some(&b'>');
                    if quoted {
                        cursor.advance_to_nonspace();
                        cursor.advance(1, false);
                        if space_or_tab(cursor.peek()) {
                            cursor.advance(1, true);
                        }
                    }
                    quoted
                }
                Container::List(_) => true,
                Container::Item { width, filled } => {
                    if cursor.blank {
                        if *filled {
                            cursor.advance_to_nonspace();
                        }
                        *filled
                    } else if cursor.indent >= *width {
                        cursor.advance(*width, true);
                        true
                    } else {
                        false
                    }
                }
            };
            if !continues {
                break;
            }
            matched += 1;
        }
        // Then the open leaf, if every container went on.
        let mut leaf_continues = false;
        if matched == self.containers.len() {
            cursor.find_next_nonspace();
            match self.leaf {
                Some(Leaf::Paragraph { .. }) => leaf_continues = !cursor.blank,
                Some(Leaf::Fence {
                    mark,
                    length,
                    indent,
                }) => {
                    if cursor.indent < CODE_INDENT
                        && closing_fence(cursor.rest_from_nonspace(), mark) >= length
                    {
                        self.leaf = None;
                        return;
                    }
                    let mut indent = indent;
                    while indent > 0 && space_or_tab(cursor.peek()) {
                        cursor.advance(1, true);
                        indent -= 1;
                    }
                    leaf_continues = true;
                }
                Some(Leaf::IndentedCode) => {
                    if cursor.indented() {
                        cursor.advance(CODE_INDENT, true);
                        leaf_continues = true;
                    } else if cursor.blank {
                        cursor.advance_to_nonspace();
                        leaf_continues = true;
                    }
                }
                Some(Leaf::Html { end }) => {
                    leaf_continues = !(cursor.blank && end == HtmlEnd::BlankLine);
                }
                None => {}
            }
        }
        let mut state = Line {
            number,
            start,
            matched,
            leaf_continues,
            all_closed: matched == self.containers.len() && (self.leaf.is_none() || leaf_continues),
        };
        let in_paragraph = leaf_continues && matches!(self.leaf, Some(Leaf::Paragraph { .. }));
        let in_leaf = leaf_continues && !in_paragraph;
        if !in_leaf && self.starts(&mut cursor, &mut state, in_paragraph) {
            return;
        }
        // What is left of the line is text.
        let lazy =
            !state.all_closed && !cursor.blank && matches!(self.leaf, Some(Leaf::Paragraph { .. }));
        if !lazy {
            self.close_unmatched(&mut state);
        }
        match &mut self.leaf {
            Some(Leaf::Paragraph { lines, .. }) if lazy || state.leaf_continues => {
                lines.push(start + cursor.offset..start + line.len());
            }
            Some(Leaf::Html {
                end: HtmlEnd::Mark(end),
            }) if state.leaf_continues && html_ends(&cursor.line[cursor.offset..], end) => {
                self.leaf = None;
            }
            Some(_) if state.leaf_continues => {}
            _ if !cursor.blank => {
                cursor.advance_to_nonspace();
                let first = start + cursor.offset..start + line.len();
                let paragraph = Leaf::Paragraph {
                    first_line: number,
                    start: first.start,
                    lines: Vec::from([first]),
                };
                self.add_leaf(paragraph);
            }
            _ => {}
        }
    }

    /// Starts the blocks that begin on this line, if any, and says whether
    /// they took all of it.
    fn starts(&mut self, cursor: &mut Cursor, state: &mut Line, mut in_paragraph: bool) -> bool {
        loop {
            cursor.find_next_nonspace();
            let rest = cursor.rest_from_nonspace();
            let indented = cursor.indented();
            let first = rest.first().copied();
            if !indented && first == Some(b'>') {
                cursor.advance_to_nonspace();
                cursor.advance(1, false);
                if space_or_tab(cursor.peek()) {
                    cursor.advance(1, true);
                }
                self.close_unmatched(state);
                self.add_container(Container::Quote);
                in_paragraph = false;
                continue;
            }
            if !indented {
                if let Some(level) = atx_heading(rest) {
                    self.close_unmatched(state);
                    let hashes = state.start + cursor.next_nonspace;
                    self.add_heading(Heading {
                        level,
                        lines: state.number..state.number + 1,
                        form: Form::Hashes(hashes..hashes + level),
                    });
                    return true;
                }
                if let Some((mark, length)) = opening_fence(rest) {
                    self.close_unmatched(state);
                    self.add_leaf(Leaf::Fence {
                        mark,
                        length,
                        indent: cursor.indent,
                    });
                    return true;
                }
                if first == Some(b'<') {
                    if let Some((end, interrupts)) = html_start(rest) {
                        let lazy_paragraph = !state.all_closed
                            && !cursor.blank
                            && matches!(self.leaf, Some(Leaf::Paragraph { .. }));
                        if interrupts || !(in_paragraph || lazy_paragraph) {
                            self.close_unmatched(state);
                            let closed = match end {
                                HtmlEnd::Mark(end) => html_ends(&cursor.line[cursor.offset..], end),
                                HtmlEnd::BlankLine => false,
                            };
                            self.add_leaf(Leaf::Html { end });
                            if closed {
                                self.leaf = None;
                            }
                            return true;
                        }
                    }
                }
                if in_paragraph {
                    if let Some(level) = setext_underline(rest) {
                        self.close_unmatched(state);
                        if let Some(Leaf::Paragraph {
                            first_line,
                            start,
                            lines,
                        }) = self.leaf.take()
                        {
                            let end = state.start + cursor.line.len();
                            self.headings.push(Heading {
                                level,
                                lines: first_line..state.number + 1,
                                form: Form::Underlined {
                                    whole: start..end,
                                    text: lines,
                                },
                            });
                        }
                        return true;
                    }
                }
                if thematic_break(rest) {
                    self.close_unmatched(state);
                    self.add_closed_leaf();
                    return true;
                }
                if let Some(item) = list_marker(cursor, in_paragraph) {
                    self.close_unmatched(state);
                    self.add_item(item);
                    in_paragraph = false;
                    continue;
                }
            } else if !matches!(self.leaf, Some(Leaf::Paragraph { .. })) && !cursor.blank {
                cursor.advance(CODE_INDENT, true);
                self.close_unmatched(state);
                self.add_leaf(Leaf::IndentedCode);
                return true;
            }
            return false;
        }
    }

    /// Ends the containers (and the leaf) this line did not continue.
    fn close_unmatched(&mut self, state: &mut Line) {
        if !state.all_closed {
            self.containers.truncate(state.matched);
            if !state.leaf_continues {
                self.leaf = None;
            }
            state.all_closed = true;
        }
        // Whatever was matched is now the innermost open block.
        state.matched = self.containers.len();
    }

    /// Makes room for a new block in the innermost container: the open
    /// leaf ends, and so does a list for anything but an item.
    fn make_room(&mut self, item: Option<ListKind>) {
        self.leaf = None;
        if let Some(Container::List(kind)) = self.containers.last() {
            if item != Some(*kind) {
                self.containers.pop();
            }
        }
        if let Some(Container::Item { filled, .. }) = self.containers.last_mut() {
            *filled = true;
        }
    }

    fn add_container(&mut self, container: Container) {
        self.make_room(None);
        self.containers.push(container);
    }

    fn add_item(&mut self, item: Item) {
        self.make_room(Some(item.kind));
        if !matches!(self.containers.last(), Some(Container::List(_))) {
            self.containers.push(Container::List(item.kind));
        }
        self.containers.push(Container::Item {
            width: item.width,
            filled: false,
        });
    }

    fn add_leaf(&mut self, leaf: Leaf) {
        self.make_room(None);
        self.leaf = Some(leaf);
    }

    /// A block that ends on its own line: a thematic break or a heading.
    fn add_closed_leaf(&mut self) {
        self.make_room(None);
    }

    fn add_heading(&mut self, heading: Heading) {
        self.add_closed_leaf();
        self.headings.push(heading);
    }
}

/// Where a line stands while its blocks are read.
struct Line {
    number: usize,
    start: usize,
    /// How many open containers the line continues.
    matched: usize,
    /// Whether it continues the open leaf too.
    leaf_continues: bool,
    /// Whether every block the line does not continue is already ended.
    all_closed: bool,
}

/// The level of the `#` heading `rest` opens, if it opens one.
fn atx_heading(rest: &[u8]) -> Option<usize> {
    let level = rest.iter().take_while(|byte| **byte == b'#').count();
    let after = rest.get(level).copied();
    ((1..=6).contains(&level) && (after.is_none() || space_or_tab(after))).then_some(level)
}

/// The mark and length of the code fence `rest` opens, if it opens one.
fn opening_fence(rest: &[u8]) -> Option<(u8, usize)> {
    let mark = *rest.first()?;
    if mark != b'`' && mark != b'~' {
        return None;
    }
    let length = rest.iter().take_while(|byte| **byte == mark).count();
    // A backtick fence's info string holds no backtick.
    let info_ok = mark == b'~' || !rest[length..].contains(&b'`');
    (length >= 3 && info_ok).then_some((mark, length))
}

/// The length of the closing fence of `mark` that `rest` is, or 0.
fn closing_fence(rest: &[u8], mark: u8) -> usize {
    let length = rest.iter().take_while(|byte| **byte == mark).count();
    let only_blanks = rest[length..]
        .iter()
        .all(|byte| matches!(byte, b' ' | b'\t'));
    if length >= 3 && only_blanks {
        length
    } else {
        0
    }
}

/// The level of the heading a `===` (1) or `---` (2) line underlines.
fn setext_underline(rest: &[u8]) -> Option<usize> {
    let mark = *rest.first()?;
    let run = rest.iter().take_while(|byte| **byte == mark).count();
    let only_blanks = rest[run..].iter().all(|byte| matches!(byte, b' ' | b'\t'));
    match mark {
        b'=' if only_blanks => Some(1),
        b'-' if only_blanks => Some(2),
        _ => None,
    }
}

/// Three or more `*`, `-` or `_`, the same, with only spaces or tabs.
fn thematic_break(rest: &[u8]) -> bool {
    let Some(&mark) = rest.first() else {
        return false;
    };
    matches!(mark, b'*' | b'-' | b'_')
        && rest
            .iter()
            .all(|byte| matches!(*byte, b' ' | b'\t') || *byte == mark)
        && rest.iter().filter(|byte| **byte == mark).count() >= 3
}

/// A list item's marker, and the column its content starts in, relative to
/// where the line stood.
struct Item {
    kind: ListKind,
    width: usize,
}

/// The list item this line starts, if it starts one (and moves past its
/// marker and the space after it). Only a non-empty item, and an ordered
/// one only from 1, interrupts a paragraph.
fn list_marker(cursor: &mut Cursor, in_paragraph: bool) -> Option<Item> {
    let rest = cursor.rest_from_nonspace();
    let (kind, marker_length) = match *rest.first()? {
        byte @ (b'*' | b'+' | b'-') => (ListKind::Bullet(byte), 1),
        b'0'..=b'9' => {
            let digits = rest.iter().take_while(|byte| byte.is_ascii_digit()).count();
            let delimiter = *rest.get(digits)?;
            let starts_at_one = rest[..digits]
                .iter()
                .skip_while(|byte| **byte == b'0')
                .eq(b"1".iter());
            if digits > 9 || !matches!(delimiter, b'.' | b')') || (in_paragraph && !starts_at_one) {
                return None;
            }
            (ListKind::Ordered(delimiter), digits + 1)
        }
        _ => return None,
    };
    let after = rest.get(marker_length).copied();
    if !(after.is_none() || space_or_tab(after)) {
        return None;
    }
    let empty = rest[marker_length..]
        .iter()
        .all(|byte| matches!(byte, b' ' | b'\t'));
    if in_paragraph && empty {
        return None;
    }
    let marker_offset = cursor.indent;
    cursor.advance_to_nonspace();
    cursor.advance(marker_length, true);
    let (spaces_column, spaces_offset) = (cursor.column, cursor.offset);
    loop {
        cursor.advance(1, true);
        if !(cursor.column - spaces_column < 5 && space_or_tab(cursor.peek())) {
            break;
        }
    }
    let blank_item = cursor.peek().is_none();
    let spaces = cursor.column - spaces_column;
    let padding = if !(1..5).contains(&spaces) || blank_item {
        cursor.column = spaces_column;
        cursor.offset = spaces_offset;
        if space_or_tab(cursor.peek()) {
            cursor.advance(1, true);
        }
        marker_length + 1
    } else {
        marker_length + spaces
    };
    Some(Item {
        kind,
        width: marker_offset + padding,
    })
}

/// The kind of HTML block `rest` starts, by what ends it, and whether it
/// may interrupt a paragraph.
fn html_start(rest: &[u8]) -> Option<(HtmlEnd, bool)> {
    const RAW: [&[u8]; 4] = [b"script", b"pre", b"style", b"textarea"];
    let lower: Vec<u8> = rest.to_ascii_lowercase();
    let after_name = |name: &[u8], at: usize| -> Option<u8> { lower.get(at + name.len()).copied() };
    for name in RAW {
        if lower[1..].starts_with(name) {
            let after = after_name(name, 1);
            if after.is_none()
                || after.is_some_and(|byte| byte == b'>' || byte.is_ascii_whitespace())
            {
                return Some((HtmlEnd::Mark(raw_end(name)), true));
            }
        }
    }
    if rest.starts_with(b"<!--") {
        return Some((HtmlEnd::Mark("-->"), true));
    }
    if rest.starts_with(b"<?") {
        return Some((HtmlEnd::Mark("?>"), true));
    }
    if rest.starts_with(b"<!") && rest.get(2).is_some_and(u8::is_ascii_alphabetic) {
        return Some((HtmlEnd::Mark(">"), true));
    }
    if rest.starts_with(b"<![CDATA[") {
        return Some((HtmlEnd::Mark("]]>"), true));
    }
    let name_at = if lower.starts_with(b"</") { 2 } else { 1 };
    for name in BLOCK_NAMES {
        if lower[name_at..].starts_with(name.as_bytes()) {
            let after = &lower[name_at + name.len()..];
            let ends = after.is_empty()
                || after[0].is_ascii_whitespace()
                || after.starts_with(b">")
                || after.starts_with(b"/>");
            if ends {
                return Some((HtmlEnd::BlankLine, true));
            }
        }
    }
    let tag = open_tag(rest).or_else(|| closing_tag(rest))?;
    rest[tag..]
        .iter()
        .all(u8::is_ascii_whitespace)
        .then_some((HtmlEnd::BlankLine, false))
}

fn raw_end(name: &[u8]) -> &'static str {
    match name {
        b"script" => "</script>",
        b"pre" => "</pre>",
        b"style" => "</style>",
        _ => "</textarea>",
    }
}

/// Whether `rest` holds the end of an HTML block that ends at `end` (any
/// of the four closing tags ends a `<pre>`-like block).
fn html_ends(rest: &[u8], end: &str) -> bool {
    let contains = |haystack: &[u8], needle: &[u8]| {
        haystack
            .windows(needle.len())
            .any(|window| window == needle)
    };
    if end.starts_with("</") {
        let lower = rest.to_ascii_lowercase();
        [
            b"</script>" as &[u8],
            b"</pre>",
            b"</style>",
            b"</textarea>",
        ]
        .iter()
        .any(|mark| contains(&lower, mark))
    } else {
        contains(rest, end.as_bytes())
    }
}

/// The tag names that start an HTML block of their own.
const BLOCK_NAMES: [&str; 62] = [
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// The length of the tag name at the start of `text`, if one is there.
fn tag_name(text: &[u8]) -> Option<usize> {
    text.first().filter(|byte| byte.is_ascii_alphabetic())?;
    Some(
        text.iter()
            .take_while(|byte| byte.is_ascii_alphanumeric() || **byte == b'-')
            .count(),
    )
}

fn whitespace(text: &[u8], at: usize) -> usize {
    text[at..]
        .iter()
        .take_while(|byte| byte.is_ascii_whitespace())
        .count()
}

/// The length of the opening tag (`<a href="x">`) at the start of `text`.
fn open_tag(text: &[u8]) -> Option<usize> {
    let mut at = 1 + tag_name(text.strip_prefix(b"<")?)?;
    loop {
        let spaces = whitespace(text, at);
        let name_start = text.get(at + spaces).copied();
        let starts_name = name_start
            .is_some_and(|byte| byte.is_ascii_alphabetic() || byte == b'_' || byte == b':');
        if spaces == 0 || !starts_name {
            at += spaces;
            break;
        }
        at += spaces;
        at += text[at..]
            .iter()
            .take_while(|byte| {
                byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b':' | b'-')
            })
            .count();
        let before_equals = whitespace(text, at);
        if text.get(at + before_equals) == Some(&b'=') {
            at += before_equals + 1;
            at += whitespace(text, at);
            at += attribute_value(&text[at..])?;
        }
    }
    if text.get(at) == Some(&b'/') {
        at += 1;
    }
    (text.get(at) == Some(&b'>')).then_some(at + 1)
}

fn attribute_value(text: &[u8]) -> Option<usize> {
    match *text.first()? {
        quote @ (b'"' | b'\'') => {
            let inside = text[1..].iter().position(|byte| *byte == quote)?;
            Some(inside + 2)
        }
        _ => {
            let length = text
                .iter()
                .take_while(|byte| {
                    !matches!(byte, b'"' | b'\'' | b'=' | b'<' | b'>' | b'`' | 0..=b' ')
                })
                .count();
            (length > 0).then_some(length)
        }
    }
}

/// The length of the closing tag (`</a >`) at the start of `text`.
fn closing_tag(text: &[u8]) -> Option<usize> {
    let at = 2 + tag_name(text.strip_prefix(b"</")?)?;
    let at = at + whitespace(text, at);
    (text.get(at) == Some(&b'>')).then_some(at + 1)
}
