import DealersCore
print("dealers")
