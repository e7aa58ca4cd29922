//! A tiny arithmetic language for the formulas of a rules file:
//! numbers, names (`bhxh_tn.luy_ke`, `nguong`, `dung_sai`), `+ - * /` and
//! parentheses. Evaluated in exact rationals.
//!
//! A name with no value, or a division by a value ≤ 0, gives "not
//! assessable" with the reason, never zero (SPEC §11, "Growth rate").

use crate::model::Num;

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Lit(Num),
    Var(String),
    Neg(Box<Expr>),
    Bin(Box<Expr>, char, Box<Expr>),
}

/// Why a formula gives no value for a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undefined {
    /// A figure is missing.
    Missing(String),
    /// A denominator is ≤ 0; carries the printed denominator formula and its value.
    NonPositiveDenominator(String, Num),
    Overflow,
}

impl Expr {
    pub fn parse(src: &str) -> Result<Expr, String> {
        let toks = tokenize(src)?;
        let mut p = Parser { toks: &toks, pos: 0 };
        let e = p.expr()?;
        if p.pos != toks.len() {
            return Err(format!("thừa ký tự ở cuối công thức \"{src}\""));
        }
        Ok(e)
    }

    /// Every name the formula uses.
    pub fn vars(&self, out: &mut Vec<String>) {
        match self {
            Expr::Lit(_) => {}
            Expr::Var(v) => {
                if !out.contains(v) {
                    out.push(v.clone())
                }
            }
            Expr::Neg(e) => e.vars(out),
            Expr::Bin(a, _, b) => {
                a.vars(out);
                b.vars(out);
            }
        }
    }

    pub fn eval(&self, get: &dyn Fn(&str) -> Option<Num>) -> Result<Num, Undefined> {
        match self {
            Expr::Lit(n) => Ok(*n),
            Expr::Var(v) => get(v).ok_or_else(|| Undefined::Missing(v.clone())),
            Expr::Neg(e) => Num::zero().checked_sub(e.eval(get)?).ok_or(Undefined::Overflow),
            Expr::Bin(a, op, b) => {
                let x = a.eval(get)?;
                let y = b.eval(get)?;
                match op {
                    '+' => x.checked_add(y),
                    '-' => x.checked_sub(y),
                    '*' => x.checked_mul(y),
                    _ => {
                        if !y.is_positive() {
                            return Err(Undefined::NonPositiveDenominator(b.to_string(), y));
                        }
                        x.checked_div(y)
                    }
                }
                .ok_or(Undefined::Overflow)
            }
        }
    }
}

impl std::fmt::Display for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expr::Lit(n) => write!(f, "{n}"),
            Expr::Var(v) => f.write_str(v),
            Expr::Neg(e) => write!(f, "-{e}"),
            Expr::Bin(a, op, b) => write!(f, "({a} {op} {b})"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(Num),
    Name(String),
    Op(char),
}

fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let cs: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if "+-*/()".contains(c) {
            out.push(Tok::Op(c));
            i += 1;
        } else if c.is_ascii_digit() {
            let s = i;
            while i < cs.len() && (cs[i].is_ascii_digit() || cs[i] == '.') {
                i += 1;
            }
            let t: String = cs[s..i].iter().collect();
            out.push(Tok::Num(Num::parse_decimal(&t).ok_or_else(|| format!("số không hợp lệ \"{t}\""))?));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let s = i;
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '_' || cs[i] == '.') {
                i += 1;
            }
            out.push(Tok::Name(cs[s..i].iter().collect()));
        } else {
            return Err(format!("ký tự không hợp lệ '{c}' trong công thức \"{src}\""));
        }
    }
    Ok(out)
}

struct Parser<'a> {
    toks: &'a [Tok],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn expr(&mut self) -> Result<Expr, String> {
        let mut l = self.term()?;
        while let Some(Tok::Op(c @ ('+' | '-'))) = self.peek().cloned() {
            self.pos += 1;
            let r = self.term()?;
            l = Expr::Bin(Box::new(l), c, Box::new(r));
        }
        Ok(l)
    }
    fn term(&mut self) -> Result<Expr, String> {
        let mut l = self.factor()?;
        while let Some(Tok::Op(c @ ('*' | '/'))) = self.peek().cloned() {
            self.pos += 1;
            let r = self.factor()?;
            l = Expr::Bin(Box::new(l), c, Box::new(r));
        }
        Ok(l)
    }
    fn factor(&mut self) -> Result<Expr, String> {
        let t = self.peek().cloned().ok_or("công thức kết thúc đột ngột")?;
        self.pos += 1;
        match t {
            Tok::Num(n) => Ok(Expr::Lit(n)),
            Tok::Name(n) => Ok(Expr::Var(n)),
            Tok::Op('-') => Ok(Expr::Neg(Box::new(self.factor()?))),
            Tok::Op('(') => {
                let e = self.expr()?;
                if self.peek() != Some(&Tok::Op(')')) {
                    return Err("thiếu dấu ')'".into());
                }
                self.pos += 1;
                Ok(e)
            }
            Tok::Op(c) => Err(format!("không mong đợi '{c}'")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn growth_formula() {
        let e = Expr::parse("(a.luy_ke - a.dau_nam) / (a.ke_hoach - a.dau_nam)").unwrap();
        let vals = |k: &str| match k {
            "a.luy_ke" => Some(Num::int(1143)),
            "a.dau_nam" => Some(Num::int(1000)),
            "a.ke_hoach" => Some(Num::int(1200)),
            _ => None,
        };
        assert_eq!(e.eval(&vals).unwrap(), Num::frac(143, 200));
        let zero_den = |k: &str| match k {
            "a.ke_hoach" => Some(Num::int(1000)),
            _ => vals(k),
        };
        assert!(matches!(e.eval(&zero_den), Err(Undefined::NonPositiveDenominator(_, _))));
        assert_eq!(e.eval(&|_| None), Err(Undefined::Missing("a.luy_ke".into())));
        let t = Expr::parse("x * (1 + 0.05)").unwrap();
        assert_eq!(t.eval(&|_| Some(Num::frac(2, 100))).unwrap(), Num::frac(21, 1000));
        assert!(Expr::parse("(a + b").is_err());
        assert!(Expr::parse("a $ b").is_err());
    }
}
