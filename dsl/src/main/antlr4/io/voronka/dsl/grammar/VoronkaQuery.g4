// The Voronka query language: funnels, metrics and retention. Described for users in docs/query-language.md.
// Only the shape is checked here; event names, dimensions, step numbers and clause repetitions are checked
// by io.voronka.dsl.QueryTreeConverter, which turns the tree into the engine's query records.
grammar VoronkaQuery;

options { caseInsensitive = true; }

query
    : (metricQuery | retentionQuery | funnelQuery) EOF
    ;

// ---------------------------------------------------------------- funnels

funnelQuery
    : FUNNEL? step (GT step)* funnelClause*
    ;

// A `within` written on a step that another step follows limits the time from the previous step; written on
// the last step it is the funnel's window.
step
    : events (WITHIN limit=DURATION)?
    ;

funnelClause
    : WITHIN DURATION                                              # windowClause
    | dateRange                                                    # funnelRangeClause
    | funnelMode                                                   # modeClause
    | EXCLUDE events (BETWEEN after=INT AND before=INT)?           # excludeClause
    | BY dimension (AT STEP stepNumber=INT)?                       # breakdownClause
    | TREND bucket (BY (ENTRY | COMPLETION))?                      # trendClause
    | COUNT (USERS | CONVERSIONS)                                  # countClause
    | TIMES                                                        # timesClause
    | (DRILL | DROPPED AT) reached=INT (LIMIT limit=INT)? (OFFSET offset=INT)?   # drillClause
    ;

funnelMode
    : ORDERED
    | STRICT ORDER
    | SEQUENCE
    | STRICT
    | ANY ORDER
    ;

// ---------------------------------------------------------------- metrics

metricQuery
    : CUMULATIVE? measure (OF events)? metricClause*
    ;

measure
    : USERS
    | EVENTS
    | SUM
    | AVG
    ;

metricClause
    : PER bucket                                                   # perClause
    | dateRange                                                    # metricRangeClause
    | WHERE filter (AND filter)*                                   # whereClause
    | BY dimension                                                 # metricBreakdownClause
    | CHANGE                                                       # changeClause
    ;

filter
    : dimension (EQ | NEQ) value                                   # compareFilter
    | dimension NOT? IN LPAREN value (COMMA value)* RPAREN         # inFilter
    ;

value
    : STRING
    | INT
    | IDENT
    ;

// ---------------------------------------------------------------- retention and LTV

retentionQuery
    : CUMULATIVE? kind=(RETENTION | LTV) OF events retentionClause*
    ;

retentionClause
    : RETURN events                                                # returnClause
    | VALUE events                                                 # valueClause
    | PER bucket periods=INT?                                      # periodClause
    | dateRange                                                    # retentionRangeClause
    | BY dimension                                                 # retentionBreakdownClause
    ;

// ---------------------------------------------------------------- shared parts

events
    : event (PIPE event)*
    ;

// Keywords that cannot start a query may name events (`order`, `day`); the others must be quoted.
event
    : INT
    | STRING
    | IDENT
    | softKeyword
    ;

dimension
    : IDENT
    | STRING
    ;

dateRange
    : FROM from=DATE TO to=DATE                                    # betweenDates
    | ON DATE                                                      # onDate
    | LAST DURATION                                                # lastDays
    ;

bucket
    : HOUR OF DAY
    | HOUR_OF_DAY
    | HOUR
    | DAY
    | WEEK
    | MONTH
    | WEEKDAY
    | TOTAL
    ;

softKeyword
    : WITHIN | FROM | TO | ON | LAST | ORDERED | STRICT | ORDER | SEQUENCE | ANY | EXCLUDE | BETWEEN | AND | BY
    | AT | STEP | TREND | ENTRY | COMPLETION | COUNT | CONVERSIONS | TIMES | DRILL | DROPPED | LIMIT | OFFSET
    | OF | PER | WHERE | IN | NOT | CHANGE | RETURN | VALUE | HOUR | HOUR_OF_DAY | DAY | WEEK | MONTH | WEEKDAY
    | TOTAL
    ;

// ---------------------------------------------------------------- tokens

FUNNEL      : 'funnel' ;
WITHIN      : 'within' ;
FROM        : 'from' ;
TO          : 'to' ;
ON          : 'on' ;
LAST        : 'last' ;
ORDERED     : 'ordered' ;
STRICT      : 'strict' ;
ORDER       : 'order' ;
SEQUENCE    : 'sequence' ;
ANY         : 'any' ;
EXCLUDE     : 'exclude' ;
BETWEEN     : 'between' ;
AND         : 'and' ;
BY          : 'by' ;
AT          : 'at' ;
STEP        : 'step' ;
TREND       : 'trend' ;
ENTRY       : 'entry' ;
COMPLETION  : 'completion' ;
COUNT       : 'count' ;
CONVERSIONS : 'conversions' | 'conversion' ;
TIMES       : 'times' ;
DRILL       : 'drill' ;
DROPPED     : 'dropped' ;
LIMIT       : 'limit' ;
OFFSET      : 'offset' ;
OF          : 'of' ;
PER         : 'per' ;
WHERE       : 'where' ;
IN          : 'in' ;
NOT         : 'not' ;
CHANGE      : 'change' ;
CUMULATIVE  : 'cumulative' ;
USERS       : 'users' ;
EVENTS      : 'events' ;
SUM         : 'sum' ;
AVG         : 'avg' | 'average' ;
RETENTION   : 'retention' ;
LTV         : 'ltv' ;
RETURN      : 'return' ;
VALUE       : 'value' ;
HOUR_OF_DAY : 'hour_of_day' ;
HOUR        : 'hour' ;
DAY         : 'day' ;
WEEK        : 'week' ;
MONTH       : 'month' ;
WEEKDAY     : 'weekday' ;
TOTAL       : 'total' ;

GT      : '>' ;
PIPE    : '|' ;
EQ      : '=' ;
NEQ     : '!=' | '<>' ;
LPAREN  : '(' ;
RPAREN  : ')' ;
COMMA   : ',' ;

DATE     : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
DURATION : DIGIT+ ('s' | 'sec' | 'm' | 'min' | 'h' | 'hour' | 'hours' | 'd' | 'day' | 'days' | 'w' | 'week' | 'weeks') ;
INT      : DIGIT+ ;
STRING   : '"' ~["\r\n]* '"' | '\'' ~['\r\n]* '\'' ;
IDENT    : [\p{L}_] [\p{L}\p{N}_]* ;

WS : [ \t\r\n]+ -> skip ;

// Error tokens: the parser reports them at their position instead of the lexer failing on its own.
UNTERMINATED_STRING : '"' ~["\r\n]* | '\'' ~['\r\n]* ;
UNEXPECTED_CHAR     : . ;

fragment DIGIT : [0-9] ;
