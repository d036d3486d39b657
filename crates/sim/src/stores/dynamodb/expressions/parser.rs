//! The recursive-descent parser. Syntax errors stop it at once; other errors (an undefined
//! placeholder, a reserved word, a wrong operand) are noted and reported when the text has
//! parsed, so that a syntax error further on wins, as in DynamoDB.

use super::ast::{Condition, Function, Operand, Path, PathPart};
use super::lex::{is_keyword, syntax_error, Detail, Tok, Token, KEYWORDS};
use super::Substitutions;
use crate::stores::dynamodb::reserved::is_reserved;
use crate::stores::dynamodb::types::AttributeValue;

pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: Vec<Token>,
    pub(super) at: usize,
    pub(super) subs: &'a mut Substitutions,
    /// The first semantic error met; syntax errors stop parsing at once, these do not, so
    /// that a syntax error later in the text wins as in DynamoDB.
    pub(super) error: Option<Detail>,
}

impl Parser<'_> {
    pub(super) fn peek(&self) -> &Tok {
        &self.tokens[self.at].tok
    }

    fn peek_at(&self, ahead: usize) -> &Tok {
        &self.tokens[(self.at + ahead).min(self.tokens.len() - 1)].tok
    }

    pub(super) fn advance(&mut self) -> Tok {
        let tok = self.tokens[self.at].tok.clone();
        if self.at < self.tokens.len() - 1 {
            self.at += 1;
        }
        tok
    }

    fn syntax(&self) -> Detail {
        syntax_error(self.text, &self.tokens, self.at)
    }

    fn note(&mut self, detail: Detail) {
        self.error.get_or_insert(detail);
    }

    fn keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Tok::Word(w) if is_keyword(w, keyword))
    }

    fn expect(&mut self, tok: Tok) -> Result<(), Detail> {
        if *self.peek() == tok {
            self.advance();
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    pub(super) fn or(&mut self) -> Result<Condition, Detail> {
        let mut left = self.and()?;
        while self.keyword("OR") {
            self.advance();
            left = Condition::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Condition, Detail> {
        let mut left = self.not()?;
        while self.keyword("AND") {
            self.advance();
            left = Condition::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Condition, Detail> {
        if self.keyword("NOT") {
            self.advance();
            return Ok(Condition::Not(Box::new(self.not()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Condition, Detail> {
        if *self.peek() == Tok::Open {
            self.advance();
            let inner = self.or()?;
            self.expect(Tok::Close)?;
            return Ok(inner);
        }
        if let (Tok::Word(name), Tok::Open) = (self.peek().clone(), self.peek_at(1)) {
            // `size(…)` is an operand; any other call here is a condition.
            if name != "size" {
                self.advance();
                let args = self.arguments()?;
                return Ok(match Function::parse(&name) {
                    Some(function) => self.call(function, args),
                    None => {
                        self.note(format!("Invalid function name; function: {name}"));
                        Condition::Call(Function::Contains, args)
                    }
                });
            }
        }
        let left = self.operand()?;
        match self.peek().clone() {
            Tok::Cmp(cmp) => {
                self.advance();
                let right = self.operand()?;
                if let (Operand::Path(a), Operand::Path(b)) = (&left, &right) {
                    if a == b {
                        self.note(format!(
                            "The first operand must be distinct from the remaining operands for this operator or function; operator: {}, first operand: {}",
                            cmp.symbol(),
                            a.shown()
                        ));
                    }
                }
                Ok(Condition::Compare(cmp, left, right))
            }
            Tok::Word(w) if is_keyword(&w, "BETWEEN") => {
                self.advance();
                let low = self.operand()?;
                if !self.keyword("AND") {
                    return Err(self.syntax());
                }
                self.advance();
                let high = self.operand()?;
                self.check_between(&low, &high);
                Ok(Condition::Between(left, low, high))
            }
            Tok::Word(w) if is_keyword(&w, "IN") => {
                self.advance();
                let list = self.arguments()?;
                Ok(Condition::In(left, list))
            }
            _ => Err(self.syntax()),
        }
    }

    /// `( operand, operand, … )`
    fn arguments(&mut self) -> Result<Vec<Operand>, Detail> {
        self.expect(Tok::Open)?;
        let mut args = vec![self.operand()?];
        while *self.peek() == Tok::Comma {
            self.advance();
            args.push(self.operand()?);
        }
        self.expect(Tok::Close)?;
        Ok(args)
    }

    fn call(&mut self, function: Function, args: Vec<Operand>) -> Condition {
        let name = function.name();
        if args.len() != function.arity() {
            self.note(format!(
                "Incorrect number of operands for operator or function; operator or function: {name}, number of operands: {}",
                args.len()
            ));
            return Condition::Call(function, args);
        }
        match function {
            Function::AttributeExists | Function::AttributeNotExists if !matches!(args[0], Operand::Path(_)) => {
                self.note(format!("Operator or function requires a document path; operator or function: {name}"));
            }
            Function::BeginsWith => {
                for arg in &args {
                    if let Operand::Value(v) = arg {
                        if !matches!(v, AttributeValue::S(_) | AttributeValue::B(_)) {
                            self.note(format!(
                                "Incorrect operand type for operator or function; operator or function: {name}, operand type: {}",
                                v.type_name()
                            ));
                        }
                    }
                }
            }
            Function::AttributeType => match &args[1] {
                Operand::Value(AttributeValue::S(t)) => {
                    if !["S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M"].contains(&t.as_str()) {
                        self.note(format!(
                            "Invalid attribute type name found; type: {t}, valid types: {{B,NULL,SS,BOOL,L,BS,N,NS,S,M}}"
                        ));
                    }
                }
                Operand::Value(v) => self.note(format!(
                    "Incorrect operand type for operator or function; operator or function: {name}, operand type: {}",
                    v.type_name()
                )),
                _ => self.note(format!(
                    "Incorrect operand type for operator or function; operator or function: {name}, operand type: {{NS,SS,L,BS,N,M,B,BOOL,NULL,S}}"
                )),
            },
            _ => {}
        }
        Condition::Call(function, args)
    }

    fn check_between(&mut self, low: &Operand, high: &Operand) {
        let (Operand::Value(l), Operand::Value(h)) = (low, high) else { return };
        let shown = |v: &AttributeValue| match v {
            AttributeValue::S(s) => format!("{{S:{s}}}"),
            AttributeValue::N(n) => format!("{{N:{n}}}"),
            other => format!("{{{}:…}}", other.type_name()),
        };
        let detail = match crate::stores::dynamodb::condition::compare_scalars(l, h) {
            None => "The BETWEEN operator requires same data type for lower and upper bounds",
            Some(std::cmp::Ordering::Greater) => {
                "The BETWEEN operator requires upper bound to be greater than or equal to lower bound"
            }
            Some(_) => return,
        };
        self.note(format!(
            "{detail}; lower bound operand: AttributeValue: {}, upper bound operand: AttributeValue: {}",
            shown(l),
            shown(h)
        ));
    }

    fn operand(&mut self) -> Result<Operand, Detail> {
        match self.peek().clone() {
            Tok::Value(placeholder) => {
                self.advance();
                match self.subs.values.get(&placeholder) {
                    Some(v) => {
                        self.subs.used_values.insert(placeholder);
                        Ok(Operand::Value(v.clone()))
                    }
                    None => {
                        self.note(format!(
                            "An expression attribute value used in expression is not defined; attribute value: {placeholder}"
                        ));
                        Ok(Operand::Value(AttributeValue::Null))
                    }
                }
            }
            Tok::Word(name) if *self.peek_at(1) == Tok::Open => {
                if name == "size" {
                    self.advance();
                    let mut args = self.arguments()?;
                    if args.len() != 1 {
                        self.note(format!(
                            "Incorrect number of operands for operator or function; operator or function: size, number of operands: {}",
                            args.len()
                        ));
                    }
                    if let Some(Operand::Value(
                        v @ (AttributeValue::N(_) | AttributeValue::Bool(_) | AttributeValue::Null),
                    )) = args.first()
                    {
                        self.note(format!(
                            "Incorrect operand type for operator or function; operator or function: size, operand type: {}",
                            v.type_name()
                        ));
                    }
                    return Ok(Operand::Size(Box::new(args.remove(0))));
                }
                self.advance();
                self.arguments()?;
                self.note(match Function::parse(&name) {
                    Some(_) => {
                        format!("The function is not allowed to be used this way in an expression; function: {name}")
                    }
                    None => format!("Invalid function name; function: {name}"),
                });
                Ok(Operand::Value(AttributeValue::Null))
            }
            Tok::Word(_) | Tok::Name(_) => self.path().map(Operand::Path),
            _ => Err(self.syntax()),
        }
    }

    /// One step of a path that names an attribute: a word (not reserved) or `#name`.
    fn path_name(&mut self) -> Result<String, Detail> {
        match self.peek().clone() {
            Tok::Word(w) if KEYWORDS.iter().any(|k| is_keyword(&w, k)) => Err(self.syntax()),
            Tok::Word(w) => {
                self.advance();
                if is_reserved(&w) {
                    self.note(format!("Attribute name is a reserved keyword; reserved keyword: {w}"));
                }
                Ok(w)
            }
            Tok::Name(placeholder) => {
                self.advance();
                match self.subs.names.get(&placeholder) {
                    Some(name) => {
                        self.subs.used_names.insert(placeholder);
                        Ok(name.clone())
                    }
                    None => {
                        self.note(format!(
                            "An expression attribute name used in the document path is not defined; attribute name: {placeholder}"
                        ));
                        Ok(placeholder)
                    }
                }
            }
            _ => Err(self.syntax()),
        }
    }

    pub(super) fn path(&mut self) -> Result<Path, Detail> {
        let mut parts = vec![PathPart::Name(self.path_name()?)];
        loop {
            match self.peek() {
                Tok::Dot => {
                    self.advance();
                    parts.push(PathPart::Name(self.path_name()?));
                }
                Tok::OpenBracket => {
                    self.advance();
                    let Tok::Int(i) = *self.peek() else { return Err(self.syntax()) };
                    self.advance();
                    self.expect(Tok::CloseBracket)?;
                    parts.push(PathPart::Index(i));
                }
                _ => return Ok(Path(parts)),
            }
        }
    }

    pub(super) fn finish<T>(&mut self, value: T) -> Result<T, Detail> {
        if *self.peek() != Tok::End {
            return Err(self.syntax());
        }
        match self.error.take() {
            Some(detail) => Err(detail),
            None => Ok(value),
        }
    }
}
