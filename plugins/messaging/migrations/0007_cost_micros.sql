-- A provider's exact cost when it quotes finer than a minor unit (SMS prices in fractions of a cent): millionths of
-- the currency's major unit (ProviderCost.amountMicros). cost_minor keeps that amount rounded up to a minor unit;
-- reports sum the micros first and round once. NULL for costs recorded before this column (their cost_minor is exact
-- enough: it is what was known).
ALTER TABLE messaging_messages ADD COLUMN cost_micros bigint;
