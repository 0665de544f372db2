"""Computing the index in Telegram: parsing what people type, the question plan of each flow,
the documents given to the engine and the way its result is shown."""
