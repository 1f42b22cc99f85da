// A JShell script as a flow: each %flow/%resources/%batch line starts a step, as a cell would.
%flow Squares
List<Integer> numbers = List.of(1, 2, 3, 4);

%resources memory=512
List<Integer> squares = parallelMap(n -> n * n, numbers);
int total = squares.stream().mapToInt(Integer::intValue).sum();
System.out.println("The squares add up to " + total + ".");
