CREATE TABLE trades (
    id      BIGSERIAL PRIMARY KEY,
    source  VARCHAR(16) NOT NULL,
    symbol  VARCHAR(16) NOT NULL,
    qty     INT         NOT NULL
);
