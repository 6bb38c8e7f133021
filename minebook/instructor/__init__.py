"""Instructor tools: editions, answer keys, worksheets and exports for learning platforms."""
