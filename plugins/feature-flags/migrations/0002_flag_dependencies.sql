-- Dependent flags (Unleash's feature dependencies): parent requirements, [{ "flag": "<key>", "enabled"?: bool, "variants"?: [..] }].
ALTER TABLE feature_flags ADD COLUMN dependencies jsonb NOT NULL DEFAULT '[]';
