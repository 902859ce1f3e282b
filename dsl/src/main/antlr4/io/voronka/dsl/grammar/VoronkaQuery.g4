// The Voronka query language: funnels, metrics, retention, paths and time in status. Described for users in docs/query-language.md.
// Only the shape is checked here; event names, dimensions, step numbers and clause repetitions are checked
// by the converters in io.voronka.dsl (FunnelConverter, MetricConverter, RetentionConverter), which turn the tree into the engine's query records.
grammar VoronkaQuery;

options { caseInsensitive = true; }

query
    : (CUMULATIVE? (metricQuery | retentionQuery) | acquisitionQuery | rateQuery | valueQuery | sessionQuery
       | activityQuery | pathsQuery | timeQuery | funnelQuery) EOF
    ;

// ---------------------------------------------------------------- funnels

// Steps and clauses come as one flat list so that every choice is made on one token of lookahead (which keeps
// the "expected" part of error messages exact). FunnelConverter enforces the order: a `within` directly
// followed by `>` limits the time from the previous step; any other `within` is the funnel's window; no step
// may follow a clause.
funnelQuery
    : FUNNEL? events funnelPart*
    ;

funnelPart
    : GT events                                                    # nextStep
    | WITHIN DURATION                                              # withinClause
    | dateRange                                                    # funnelRangeClause
    | funnelMode                                                   # modeClause
    | EXCLUDE events (BETWEEN after=INT AND before=INT)?           # excludeClause
    | BY byTarget (AT STEP stepNumber=INT)?                        # byClause
    | TOP top=INT dimension (AT STEP stepNumber=INT)?              # funnelTopClause
    | TREND bucket                                                 # trendClause
    | COUNT (USERS | CONVERSIONS)                                  # countClause
    | TIMES                                                        # timesClause
    | (DRILL | DROPPED AT) reached=INT (LIMIT limit=INT)? (OFFSET offset=INT)?   # drillClause
    | WHERE conditions                                             # funnelWhereClause
    ;

// `by entry` and `by completion` right after `trend ...` say which day a trend uses; `by weekday` / `by hour` are
// `trend weekday` / `trend hour` (by the entry's time); any other `by` is a breakdown.
byTarget
    : ENTRY
    | COMPLETION
    | WEEKDAY
    | HOUR
    | dimension
    ;

funnelMode
    : ORDERED
    | STRICT ORDER?
    | SEQUENCE
    | ANY ORDER
    ;

// ---------------------------------------------------------------- metrics

metricQuery
    : measure (OF events)? metricClause*
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
    | WHERE conditions                                             # whereClause
    | BY (dimension | WEEKDAY | HOUR)                              # metricBreakdownClause
    | TOP top=INT dimension                                        # metricTopClause
    | CHANGE                                                       # changeClause
    ;

// ---------------------------------------------------------------- filters on events and on users

// Event conditions (a dimension test, a value comparison) filter the events of a funnel step or a metric; user
// conditions (did, not did, first) choose the users any query counts. The converters tell them apart.
conditions
    : condition (AND condition)*
    ;

condition
    : NOT? DID events (IN dateRange)?                              # didCondition
    | FIRST dimension filterTest                                   # firstCondition
    | VALUE comparison number                                      # valueCondition
    | dimension filterTest                                         # dimensionCondition
    ;

comparison
    : EQ | NEQ | LT | LE | GT | GE
    ;

number
    : INT
    | DECIMAL
    ;

filterTest
    : (EQ | NEQ) value                                             # compareTest
    | NOT? IN LPAREN value (COMMA value)* RPAREN                   # inTest
    ;

value
    : STRING
    | INT
    | IDENT
    ;

// ---------------------------------------------------------------- retention and LTV

retentionQuery
    : kind=(RETENTION | LTV) OF events retentionClause*
    ;

retentionClause
    : RETURN events                                                # returnClause
    | VALUE events                                                 # valueClause
    | PER bucket periods=INT?                                      # periodClause
    | dateRange                                                    # retentionRangeClause
    | BY dimension                                                 # retentionBreakdownClause
    | AGE INT (MONTH | MONTHS)                                     # ageClause
    | WHERE conditions                                             # retentionWhereClause
    ;

// ---------------------------------------------------------------- CAC and ROMI

// `romi` is LTV / CAC over calendar months (`within 6 months`); what it meant before (revenue − spend) / spend is `roi`.
// `spend` and `spend share` read the costs alone.
acquisitionQuery
    : kind=(CAC | ROMI | ROI) OF events acquisitionClause*
    | SPEND SHARE? acquisitionClause*
    ;

acquisitionClause
    : BY dimension                                                 # acquisitionByClause
    | PER bucket                                                   # acquisitionPerClause
    | dateRange                                                    # acquisitionRangeClause
    | WITHIN (DURATION | months=INT (MONTH | MONTHS))              # acquisitionWithinClause
    | WHERE conditions                                             # acquisitionWhereClause
    ;

// ---------------------------------------------------------------- rates, value statistics and distributions

// `rate of sale per call`: a `where` right after the numerator's events filters the numerator; a `where` among the
// clauses filters the denominator. RateConverter and ValueConverter check which clauses a kind accepts.
rateQuery
    : RATE OF numerator=events numeratorFilter=whereFilters? PER denominator=events statClause*
    ;

// `median of value of order`, `distribution of value of call by status`; `of value` may be left out.
valueQuery
    : statistic OF (VALUE OF)? events statClause*
    ;

statistic
    : AVG | MEDIAN | PERCENTILE | MIN | MAX | SUM | DISTRIBUTION
    ;

whereFilters
    : WHERE conditions
    ;

statClause
    : PER bucket                                                   # statPerClause
    | dateRange                                                    # statRangeClause
    | whereFilters                                                 # statWhereClause
    | BY groupPart (COMMA groupPart)*                              # statByClause
    | TOP INT groupPart (BY groupPart (COMMA groupPart)*)?         # statTopClause
    | MIN INT                                                      # statMinClause
    | WITHIN DURATION                                              # statWithinClause
    ;

// ---------------------------------------------------------------- sessions and active users

// `sessions of visit gap 30m per day`, `sessions per user of visit per day`, `avg session length of visit per day`.
sessionQuery
    : (SESSIONS (PER USER)? | AVG SESSION LENGTH) (OF events)? sessionClause*
    ;

sessionClause
    : GAP DURATION                                                 # gapClause
    | PER bucket                                                   # sessionPerClause
    | dateRange                                                    # sessionRangeClause
    | whereFilters                                                 # sessionWhereClause
    | BY dimension                                                 # sessionByClause
    ;

// `sticky of visit per month`, `mau of visit`: averages of daily / weekly / monthly unique users.
activityQuery
    : kind=(DAU | WAU | MAU | STICKY) (OF events)? activityClause*
    ;

activityClause
    : PER bucket                                                   # activityPerClause
    | dateRange                                                    # activityRangeClause
    | whereFilters                                                 # activityWhereClause
    ;

// A dimension, or a calendar part of the event's time in the store's zone.
groupPart
    : WEEKDAY
    | HOUR
    | dimension
    ;

// ---------------------------------------------------------------- paths

pathsQuery
    : PATHS pathsClause*
    ;

pathsClause
    : FROM events                                                  # pathsFromClause
    | TO events                                                    # pathsToClause
    | DEPTH INT                                                    # depthClause
    | TOP INT                                                      # topClause
    | COLLAPSE REPEATS                                             # collapseClause
    | dateRange                                                    # pathsRangeClause
    | WHERE conditions                                             # pathsWhereClause
    ;

// ---------------------------------------------------------------- time in status

timeQuery
    : TIME FROM status=events TO NEXT following=events? timeClause*
    ;

timeClause
    : BY OUTCOME events                                            # outcomeClause
    | WITHIN DURATION                                              # timeWithinClause
    | HISTOGRAM (INT | DURATION (COMMA DURATION)*)                 # histogramClause
    | PER bucket                                                   # timePerClause
    | dateRange                                                    # timeRangeClause
    | WHERE conditions                                             # timeWhereClause
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
    : HOUR (OF DAY)?
    | HOUR_OF_DAY
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
    | TOTAL | TOP | SHARE | MONTHS | AGE | SESSION | LENGTH | GAP | USER | DEPTH | COLLAPSE | REPEATS | NEXT
    | OUTCOME | HISTOGRAM | DID | FIRST
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
CAC         : 'cac' ;
ROMI        : 'romi' ;
ROI         : 'roi' ;
SPEND       : 'spend' ;
SHARE       : 'share' ;
MONTHS      : 'months' ;
AGE         : 'age' ;
SESSIONS    : 'sessions' ;
SESSION     : 'session' ;
LENGTH      : 'length' ;
GAP         : 'gap' ;
USER        : 'user' ;
DAU         : 'dau' ;
WAU         : 'wau' ;
MAU         : 'mau' ;
STICKY      : 'sticky' ;
RETURN      : 'return' ;
VALUE       : 'value' ;
HOUR_OF_DAY : 'hour_of_day' ;
HOUR        : 'hour' ;
DAY         : 'day' ;
WEEK        : 'week' ;
MONTH       : 'month' ;
WEEKDAY     : 'weekday' ;
TOTAL       : 'total' ;
RATE        : 'rate' ;
MEDIAN      : 'median' ;
PERCENTILE  : 'p' [1-9] DIGIT? ;
MIN         : 'min' ;
MAX         : 'max' ;
DISTRIBUTION: 'distribution' ;
PATHS       : 'paths' ;
DEPTH       : 'depth' ;
TOP         : 'top' ;
COLLAPSE    : 'collapse' ;
REPEATS     : 'repeats' ;
TIME        : 'time' ;
NEXT        : 'next' ;
OUTCOME     : 'outcome' ;
HISTOGRAM   : 'histogram' ;
DID         : 'did' ;
FIRST       : 'first' ;

GE      : '>=' ;
LE      : '<=' ;
GT      : '>' ;
LT      : '<' ;
PIPE    : '|' ;
EQ      : '=' ;
NEQ     : '!=' | '<>' ;
LPAREN  : '(' ;
RPAREN  : ')' ;
COMMA   : ',' ;

DATE     : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
DURATION : DIGIT+ ('s' | 'sec' | 'm' | 'min' | 'h' | 'hour' | 'hours' | 'd' | 'day' | 'days' | 'w' | 'week' | 'weeks') ;
DECIMAL  : DIGIT+ '.' DIGIT+ ;
INT      : DIGIT+ ;
STRING   : '"' ~["\r\n]* '"' | '\'' ~['\r\n]* '\'' ;
IDENT    : [\p{L}_] [\p{L}\p{N}_]* ;

WS : [ \t\r\n]+ -> skip ;

// Error tokens: the parser reports them at their position instead of the lexer failing on its own.
UNTERMINATED_STRING : '"' ~["\r\n]* | '\'' ~['\r\n]* ;
UNEXPECTED_CHAR     : . ;

fragment DIGIT : [0-9] ;
