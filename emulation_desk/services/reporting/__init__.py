"""What is read out and printed: the statistical table, the year-end report, document data, exports."""
