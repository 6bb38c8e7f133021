"""What chapters call: this book's tables, sources and quizzes, bound to the engines that read them."""
