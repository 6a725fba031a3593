// placeholder: replaced by the params branch
