grammar HSpace;

// The .hspace search-space language. The parse tree never leaves the parse package:
// AstBuilder turns it into the project's own immutable AST.

file
    : statement* EOF
    ;

statement
    : importStmt
    | letStmt
    | spaceStmt
    ;

importStmt
    : IMPORT (path=STRING | module=dottedName) AS alias=IDENT
    ;

dottedName
    : IDENT (DOT IDENT)*
    ;

letStmt
    : LET letName=IDENT ASSIGN expr
    ;

spaceStmt
    : SPACE ASSIGN expr
    ;

// Precedence, loosest first: `as` casts, + -, * / %, unary minus, **, postfix.
expr
    : primary                                                  # primaryExpr
    | <assoc=right> left=expr op=POW right=expr                # powerExpr
    | op=MINUS operand=expr                                    # negateExpr
    | left=expr op=(STAR | SLASH | PERCENT) right=expr         # mulExpr
    | left=expr op=(PLUS | MINUS) right=expr                   # addExpr
    | operand=expr AS typeName=IDENT                           # castExpr
    ;

primary
    : NUMBER                                                   # numberLit
    | STRING                                                   # stringLit
    | TRUE                                                     # trueLit
    | FALSE                                                    # falseLit
    | NULL                                                     # nullLit
    | CHOICE LBRACE (choiceItem (COMMA choiceItem)* COMMA?)? RBRACE    # namedChoice
    | callee=(IDENT | CHOICE) LPAREN (argument (COMMA argument)* COMMA?)? RPAREN   # call
    | target=qualifiedName                                     # reference
    | LBRACE (entry (COMMA entry)* COMMA?)? RBRACE             # dict
    | LBRACKET (expr (COMMA expr)* COMMA?)? RBRACKET           # list
    | LPAREN expr RPAREN                                       # parens
    ;

qualifiedName
    : name (DOT name)*
    ;

// `space` is a keyword at the start of a statement but may be referenced as `m.space`.
name
    : IDENT
    | SPACE
    ;

// A branch (`name: expr`), or a keyword argument of the choice itself (`label="x"`).
choiceItem
    : branch
    | keyword=IDENT ASSIGN value=expr
    ;

branch
    : key COLON expr
    ;

entry
    : key COLON expr
    ;

key
    : IDENT
    | STRING
    | SPACE
    | CHOICE
    | LET
    | IMPORT
    | AS
    | TRUE
    | FALSE
    | NULL
    ;

// A keyword argument (`label="x"`), a weighted option (`0.3: expr`), or a plain one.
argument
    : keyword=IDENT ASSIGN value=expr                          # keywordArg
    | weight=expr COLON value=expr                             # weightedArg
    | value=expr                                               # plainArg
    ;

IMPORT  : 'import';
LET     : 'let';
SPACE   : 'space';
AS      : 'as';
CHOICE  : 'choice';
TRUE    : 'true';
FALSE   : 'false';
NULL    : 'null';

POW     : '**';
STAR    : '*';
SLASH   : '/';
PERCENT : '%';
PLUS    : '+';
MINUS   : '-';
ASSIGN  : '=';
COLON   : ':';
COMMA   : ',';
DOT     : '.';
LPAREN  : '(';
RPAREN  : ')';
LBRACE  : '{';
RBRACE  : '}';
LBRACKET: '[';
RBRACKET: ']';

NUMBER
    : DIGITS ('.' DIGITS?)? EXPONENT?
    | '.' DIGITS EXPONENT?
    ;

fragment DIGITS   : [0-9] ('_'? [0-9])*;
fragment EXPONENT : [eE] [+-]? [0-9]+;

STRING
    : '"' (~["\\\r\n] | '\\' .)* '"'
    | '\'' (~['\\\r\n] | '\\' .)* '\''
    ;

IDENT
    : [a-zA-Z_] [a-zA-Z_0-9]*
    ;

COMMENT      : ('#' | '//') ~[\r\n]* -> skip;
BLOCK_COMMENT: '/*' .*? '*/' -> skip;
WS           : [ \t\r\n\f]+ -> skip;

// Anything else is one bad character, reported as a syntax error by the parser.
BAD_CHAR : . ;
