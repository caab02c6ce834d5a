//! A whitespace-and-comments CSS minifier for the stylesheet embedded in the runtime
//! (build.rs; tested by tests/css_min.rs). It only removes what CSS never needs: comments,
//! runs of whitespace (kept as one space), whitespace next to `{ } ; , >` and after `:`
//! outside parentheses, and the last `;` of a block. Quoted strings are copied untouched,
//! and spaces inside parentheses (`calc(a - b)`, media queries) are kept.

/// Returns `css` minified.
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    let mut depth = 0usize; // parentheses
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                pending_space = true;
            }
            c if c.is_whitespace() => pending_space = true,
            '"' | '\'' => {
                flush_space(&mut out, &mut pending_space, c, depth);
                out.push(c);
                let mut escaped = false;
                for s in chars.by_ref() {
                    out.push(s);
                    if escaped {
                        escaped = false;
                    } else if s == '\\' {
                        escaped = true;
                    } else if s == c {
                        break;
                    }
                }
            }
            _ => {
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                flush_space(&mut out, &mut pending_space, c, depth);
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                out.push(c);
            }
        }
    }
    out
}

/// Writes the one space a whitespace run became, unless a neighbour makes it unneeded.
fn flush_space(out: &mut String, pending: &mut bool, next: char, depth: usize) {
    if !std::mem::take(pending) || out.is_empty() {
        return;
    }
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
    let prev = out.chars().next_back().unwrap_or(' ');
    if tight(prev) || tight(next) || (prev == ':' && depth == 0) {
        return;
    }
    out.push(' ');
}
