"""What questions and releases say, read the same way by every stage: a question's parts, answer records, the
corpus vocabulary, a release's profile, dates, elements."""
