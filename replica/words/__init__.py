"""Words: vocabulary, phrase and sentence banks, documents cited, Vietnamese text helpers.

Plain data and pure functions; nothing here imports another room of the replica.
"""
